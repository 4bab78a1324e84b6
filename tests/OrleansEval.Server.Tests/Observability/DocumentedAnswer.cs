namespace OrleansEval.Server.Tests.Observability;

/// <summary>Where the OpenAPI document gives an answer's schema: its operation, status and media type.</summary>
/// <param name="Method">The operation's method, lower case as the document spells it.</param>
/// <param name="Path">The operation's path template.</param>
/// <param name="Status">The answer's status.</param>
/// <param name="MediaType">The answer's media type; for NDJSON the schema is that of one line.</param>
public sealed record DocumentedAnswer(string Method, string Path, string Status = "200", string MediaType = "application/json")
{
    /// <summary>The media type of NDJSON, whose documented schema is that of one line.</summary>
    public const string Ndjson = "application/x-ndjson";

    /// <summary>A GET answered 200 with JSON.</summary>
    public static DocumentedAnswer Get(string path) => new("get", path);
}
