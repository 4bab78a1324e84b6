using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansEval.Gateway.Http;

/// <summary>The JSON conventions of the API: camelCase names, case-sensitive reading.</summary>
internal static class JsonDefaults
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNameCaseInsensitive = false,

        // A misspelt field is an error the client should hear about, not a setting silently ignored.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,

        // A key given twice is a client's mistake, not a value to pick silently (last-wins would hide it).
        AllowDuplicateProperties = false,
    };
}
