using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using OrleansEval.Gateway.Hosting;
using OrleansEval.Keys;

namespace OrleansEval.Gateway.Http;

/// <summary>Reads a small JSON request body into a type, turning every failure into a problem that names its cause.</summary>
internal static partial class JsonBody
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, GatewayOptions limits)
        where T : class
    {
        var body = await RequestBody.ReadAsync(request, limits.MaxBodyBytes);
        if (body.Problem is not null)
        {
            return (null, body.Problem);
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(body.Bytes.Span, JsonDefaults.Options);
            return value is null ? (null, Problems.BadRequest("body", "must be a JSON object")) : (value, null);
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path ? Quoting.Excerpt(path[2..]) : "body";
            var unmapped = UnmappedProperty().Match(e.Message);
            if (unmapped.Success)
            {
                return (null, Problems.BadRequest(Quoting.Excerpt(unmapped.Groups[1].Value), "is not a field of this request"));
            }

            return DuplicateProperty().IsMatch(e.Message)
                ? (null, Problems.BadRequest(field, "appears twice; a JSON object may name each key once"))
                : (null, Problems.BadRequest(field, $"malformed JSON, or a value of the wrong type, at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}"));
        }
    }

    [GeneratedRegex("The JSON property '([^']+)' could not be mapped")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex(@"\ADuplicate propert")]
    private static partial Regex DuplicateProperty();
}
