namespace OrleansEval.Server.Hosting;

/// <summary>
/// The slowest a client may send a request body (Kestrel's minimum request body data rate); bound from the
/// "Gateway:MinBodyRate" section and validated at start. A body read more slowly, once the grace period has passed, is
/// cut off with 408 and its connection closed, so a client trickling bytes cannot keep a body (and its memory) open.
/// </summary>
public sealed class MinBodyRateOptions
{
    /// <summary>Configuration section the options are bound from.</summary>
    public const string SectionName = "Gateway:MinBodyRate";

    /// <summary>
    /// Least average bytes per second, 1,024 by default (Kestrel's own default is 240): a batch from a working client
    /// arrives thousands of times faster, and a 16 MiB body at the minimum still has over four hours. 0 turns the check off.
    /// </summary>
    public double BytesPerSecond { get; set; } = 1024;

    /// <summary>
    /// Time a body may take before the rate is checked, 5 s by default (Kestrel's): room for a slow start of the
    /// connection. Kestrel checks once a second, so it must be more than 1 s.
    /// </summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromSeconds(5);
}
