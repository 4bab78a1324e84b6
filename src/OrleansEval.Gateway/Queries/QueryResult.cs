namespace OrleansEval.Gateway.Queries;

/// <summary>What a read answers: the JSON document both protocols return, or the failure that refused it.</summary>
internal sealed record QueryResult(byte[]? Json, QueryFailure? Failure)
{
    public static QueryResult Answered(byte[] json) => new(json, null);

    public static QueryResult Refused(QueryFailure failure) => new(null, failure);
}
