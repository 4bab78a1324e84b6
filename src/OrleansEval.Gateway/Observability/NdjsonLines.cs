namespace OrleansEval.Gateway.Observability;

/// <summary>
/// Endpoint metadata: a body of NDJSON (<c>application/x-ndjson</c>), each line one of <paramref name="LineTypes"/>, so
/// that its OpenAPI operation documents the schema of a line rather than of the whole body.
/// </summary>
/// <param name="Request">Whether the request's body is NDJSON; otherwise the 200 answer's is.</param>
/// <param name="LineTypes">The documented shapes a line takes; a line is exactly one of them.</param>
internal sealed record NdjsonLines(bool Request, IReadOnlyList<Type> LineTypes)
{
    /// <summary>The media type of NDJSON.</summary>
    public const string MediaType = "application/x-ndjson";
}
