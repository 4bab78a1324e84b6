using Microsoft.AspNetCore.Http;
using OrleansEval.Gateway.Auth;

namespace OrleansEval.Gateway.Tests.Auth;

public sealed class CrossSiteRequestsTests
{
    [Theory]
    [InlineData("POST", "Origin", "http://evil.example", "Origin")]
    [InlineData("DELETE", "Origin", "null", "Origin")]
    [InlineData("PUT", "Origin", "http://localhost:8081", "Origin")]
    [InlineData("PATCH", "Sec-Fetch-Site", "cross-site", "Sec-Fetch-Site")]
    [InlineData("POST", "Origin", "http://localhost:8080", null)]
    [InlineData("POST", "Sec-Fetch-Site", "same-origin", null)]
    [InlineData("GET", "Origin", "http://evil.example", null)]
    public void Detect_NamesTheHeaderOfACrossSiteChange(string method, string header, string value, string? expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Host = new HostString("localhost", 8080);
        context.Request.Headers[header] = value;

        Assert.Equal(expected, CrossSiteRequests.Detect(context.Request));
    }

    [Fact]
    public void Detect_OfACrossSiteChangeCarryingAKey_LeavesItToTheKeyCheck()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Host = new HostString("localhost", 8080);
        context.Request.Headers.Origin = "http://evil.example";
        context.Request.Headers.Authorization = "Bearer a-key";

        Assert.Null(CrossSiteRequests.Detect(context.Request));
    }

    [Fact]
    public void Detect_OfAnOriginOnTheDefaultPort_MatchesAHostWithoutPort()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Host = new HostString("evals.example.com");
        context.Request.Headers.Origin = "https://evals.example.com";

        Assert.Null(CrossSiteRequests.Detect(context.Request));
    }
}
