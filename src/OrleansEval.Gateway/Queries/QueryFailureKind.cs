namespace OrleansEval.Gateway.Queries;

/// <summary>Why a read was refused; each protocol maps it to its own status.</summary>
internal enum QueryFailureKind
{
    /// <summary>A field is missing or breaks its rule (HTTP 400, gRPC INVALID_ARGUMENT).</summary>
    Invalid,

    /// <summary>A field names something the store does not hold (HTTP 404, gRPC NOT_FOUND).</summary>
    NotFound,
}
