using OrleansEval.Auth;
using OrleansEval.Gateway.Auth;

namespace OrleansEval.Gateway.Tests.Auth;

public sealed class RequiredScopesTests
{
    private static readonly IReadOnlyList<string> Open = new AuthOptions().OpenPathList();

    [Theory]
    [InlineData("GET", "/v1/models", ApiScopes.Read)]
    [InlineData("GET", "/v1/alerts/stream", ApiScopes.Read)]
    [InlineData("GET", "/v1/keys", ApiScopes.Admin)]
    [InlineData("GET", "/v1/webhooks/pager", ApiScopes.Admin)]
    [InlineData("GET", "/v1/cluster", ApiScopes.Read)]
    [InlineData("POST", "/v1/models/m/records", ApiScopes.Ingest)]
    [InlineData("POST", "/v1/models/m/actuals", ApiScopes.Ingest)]
    [InlineData("PUT", "/v1/models/m", ApiScopes.Admin)]
    [InlineData("PUT", "/v1/models/m/baselines/b", ApiScopes.Admin)]
    [InlineData("DELETE", "/v1/models/m/slices/s", ApiScopes.Admin)]
    [InlineData("POST", "/v1/models/m/slices/s:backfill", ApiScopes.Admin)]
    [InlineData("PUT", "/v1/models/m/monitors/n", ApiScopes.Admin)]
    [InlineData("POST", "/v1/models/m/validations", ApiScopes.Admin)]
    [InlineData("POST", "/v1/keys", ApiScopes.Admin)]
    [InlineData("DELETE", "/v1/keys/abc", ApiScopes.Admin)]
    [InlineData("POST", "/v1/models/records/records/x", ApiScopes.Admin)]
    [InlineData("POST", "/", ApiScopes.Admin)]
    [InlineData("GET", "/internal", ApiScopes.Read)]
    public void Of_ARequest_IsTheScopeItNeeds(string method, string path, ApiScopes expected) =>
        Assert.Equal(expected, RequiredScopes.Of(method, path, Open));

    [Theory]
    [InlineData("GET", "/healthz")]
    [InlineData("GET", "/metrics")]
    [InlineData("GET", "/openapi/v1.json")]
    [InlineData("GET", "/docs")]
    [InlineData("GET", "/")]
    [InlineData("GET", "/overview")]
    [InlineData("GET", "/root-cause")]
    [InlineData("GET", "/app.js")]
    [InlineData("HEAD", "/assets/style.css")]
    public void Of_AnOpenPathOrAStaticFile_NeedsNoKey(string method, string path) =>
        Assert.Null(RequiredScopes.Of(method, path, Open));

    [Fact]
    public void Of_AnOpenPathRemovedFromTheSetting_NeedsAKey() =>
        Assert.Equal(ApiScopes.Read, RequiredScopes.Of("GET", "/metrics", new AuthOptions { OpenPaths = "/healthz" }.OpenPathList()));

    [Theory]
    [InlineData("/orleanseval.v1.OrleansEval/Ingest", ApiScopes.Ingest)]
    [InlineData("/orleanseval.v1.OrleansEval/IngestStream", ApiScopes.Ingest)]
    [InlineData("/orleanseval.v1.OrleansEval/SendActuals", ApiScopes.Ingest)]
    [InlineData("/orleanseval.v1.OrleansEval/GetDrift", ApiScopes.Read)]
    [InlineData("/orleanseval.v1.OrleansEval/WatchAlerts", ApiScopes.Read)]
    public void OfGrpc_AMethod_IsTheScopeItNeeds(string method, ApiScopes expected) =>
        Assert.Equal(expected, RequiredScopes.OfGrpc(method));

    [Theory]
    [InlineData(ApiScopes.Admin, ApiScopes.Ingest, true)]
    [InlineData(ApiScopes.Admin, ApiScopes.Read, true)]
    [InlineData(ApiScopes.Ingest | ApiScopes.Read, ApiScopes.Read, true)]
    [InlineData(ApiScopes.Ingest | ApiScopes.Read, ApiScopes.Admin, false)]
    [InlineData(ApiScopes.Read, ApiScopes.Ingest, false)]
    [InlineData(ApiScopes.Ingest, ApiScopes.Read, false)]
    public void Allows_AdminCoversEverything_OtherScopesOnlyThemselves(ApiScopes held, ApiScopes needed, bool allowed) =>
        Assert.Equal(allowed, ScopeNames.Allows(held, needed));
}
