namespace OrleansEval.Gateway.Queries;

/// <summary>What a read answers: the JSON document both protocols return, or the failure that refused it.</summary>
internal sealed record QueryResult(byte[]? Json, QueryFailure? Failure)
{
    /// <summary>The read was answered with <paramref name="json"/>.</summary>
    public static QueryResult Answered(byte[] json) => new(json, null);

    /// <summary>The read was refused for <paramref name="failure"/>.</summary>
    public static QueryResult Refused(QueryFailure failure) => new(null, failure);
}
