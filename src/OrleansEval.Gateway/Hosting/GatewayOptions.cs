namespace OrleansEval.Gateway.Hosting;

/// <summary>Request limits of the HTTP gateway. Bound from the "Gateway" section and validated at start.</summary>
public sealed class GatewayOptions
{
    /// <summary>Configuration section the options are bound from.</summary>
    public const string SectionName = "Gateway";

    /// <summary>Largest request body accepted, in bytes; larger bodies are answered 413.</summary>
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Most records (or actuals) one request may carry; more is answered 400.</summary>
    public int MaxRecordsPerRequest { get; set; } = 10_000;

    /// <summary>Most features plus tags a model may declare.</summary>
    public int MaxColumnsPerModel { get; set; } = 1_000;

    /// <summary>Longest string value (ids, categories, labels) accepted, in characters.</summary>
    public int MaxStringLength { get; set; } = 512;
}
