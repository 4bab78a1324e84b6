using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace OrleansEval.Server.Tests.Http;

internal static class ApiAssertions
{
    /// <summary>Asserts an RFC 7807 answer with the status, whose detail names the field.</summary>
    public static async Task<JsonObject> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(field, problem["field"]!.GetValue<string>());
        Assert.StartsWith($"{field}: ", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        return problem;
    }

    public static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public static string NewModelId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
