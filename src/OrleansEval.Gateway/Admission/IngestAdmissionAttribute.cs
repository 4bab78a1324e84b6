namespace OrleansEval.Gateway.Admission;

/// <summary>
/// Marks a gRPC method as ingest: once its message has arrived, it runs only when the node's <see cref="AdmissionLimiter"/>
/// gives it a slot (see <see cref="AdmissionInterceptor"/>).
/// </summary>
/// <param name="field">The request field a refusal names (the "field" trailer).</param>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class IngestAdmissionAttribute(string field) : Attribute
{
    public string Field { get; } = field;
}
