namespace OrleansEval.Gateway.Admission;

/// <summary>
/// How many ingest requests one gateway node takes at once. Bound from the "Gateway:Admission" section and validated at
/// start. The counts default to multiples of the processor count: ingest is CPU work on the node (parsing, the ingest
/// worker, the grains it calls), so a node with more cores can take more at once.
/// </summary>
public sealed class AdmissionOptions
{
    /// <summary>Configuration section the options are bound from.</summary>
    public const string SectionName = "Gateway:Admission";

    /// <summary>
    /// Ingest requests (records and actuals, HTTP and gRPC together) processed at once; 2 × the processor count by
    /// default, so that while one request waits on grain calls another can be parsed, without piling up work that
    /// only queues behind the cores.
    /// </summary>
    public int MaxConcurrentIngests { get; set; } = 2 * Environment.ProcessorCount;

    /// <summary>
    /// Ingest requests that may wait for a slot; 4 × the processor count by default, enough to absorb a burst of every
    /// client sending at once. With 0, a request that finds every slot taken is refused at once.
    /// </summary>
    public int MaxQueuedIngests { get; set; } = 4 * Environment.ProcessorCount;

    /// <summary>
    /// Longest wait for a slot, 200 ms by default: a fifth of the shortest Retry-After, so waiting is always cheaper
    /// for the client than being refused, and short enough that a queue never hides an overload for long.
    /// </summary>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Seconds a refused client is asked to wait before sending again (Retry-After), 1 by default.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>
    /// Bytes that request bodies being read or held by this node may take together, 256 MiB by default. Bodies are read
    /// before a slot is taken, so this, not the slot count, bounds their memory: a body is counted as its buffer grows
    /// with what actually arrived (not its declared length), and a body that would pass the budget is answered 429.
    /// </summary>
    public long MaxBufferedBodyBytes { get; set; } = 256L * 1024 * 1024;
}
