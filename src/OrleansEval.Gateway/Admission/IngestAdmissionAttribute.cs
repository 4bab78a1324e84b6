namespace OrleansEval.Gateway.Admission;

/// <summary>Marks a gRPC method as ingest: it runs only once the node's <see cref="AdmissionLimiter"/> gives it a slot.</summary>
/// <param name="field">The request field a refusal names (the "field" trailer).</param>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class IngestAdmissionAttribute(string field) : Attribute
{
    public string Field { get; } = field;
}
