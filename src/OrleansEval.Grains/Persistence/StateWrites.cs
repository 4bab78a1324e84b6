using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansEval.Grains.Hosting;

namespace OrleansEval.Grains.Persistence;

/// <summary>
/// The silo's side of the writes of grains that persist on a timer: it hands each grain its <see cref="GrainWrites"/>
/// and counts refused writes on the <see cref="MeterName"/> meter, by grain type and reason.
/// </summary>
internal sealed class StateWrites
{
    /// <summary>Name of the grains' meter.</summary>
    public const string MeterName = "OrleansEval.Grains";

    /// <summary>Name of the counter of refused writes; tags <c>grain</c> (the grain type) and <c>reason</c>.</summary>
    public const string FailuresCounter = "orleanseval.grains.persist.failures";

    /// <summary>Reason of a write refused because the stored version tag was not the grain's.</summary>
    public const string StaleEtag = "stale_etag";

    /// <summary>Name of the histogram of write durations, in seconds; tags <c>grain</c> and <c>outcome</c> (written or failed).</summary>
    public const string DurationHistogram = "orleanseval.grains.persist.duration";

    // From a millisecond to a minute: a blob write takes tens of milliseconds, a store that does not answer up to the retry budget.
    private static readonly double[] DurationBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly Counter<long> _failures;
    private readonly Histogram<double> _duration;

    public StateWrites(TimeProvider time, IOptions<OrleansEvalOptions> options, IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meters);
        Time = time;
        MaxUnpersisted = options.Value.MaxUnpersisted;
        var meter = meters.Create(MeterName);
        _failures = meter.CreateCounter<long>(FailuresCounter, unit: "{write}", description: "Grain state writes the store refused or did not answer");
        _duration = meter.CreateHistogram(DurationHistogram, unit: "s", description: "Time a grain state write took, written or failed",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
    }

    /// <summary>The wall clock that measures how long a grain has gone unpersisted (not the store's evaluation clock).</summary>
    public TimeProvider Time { get; }

    /// <summary>How long a grain may go unpersisted before it stops acknowledging.</summary>
    public TimeSpan MaxUnpersisted { get; }

    /// <summary>The writes of one activation of a grain of type <paramref name="grainType"/> (as it is named in logs and tags).</summary>
    public GrainWrites For(string grainType, ILogger logger) => new(this, grainType, logger);

    /// <summary>Records how long one write took since <paramref name="startedAt"/> (a timestamp of <see cref="Time"/>).</summary>
    public void RecordDuration(string grainType, long startedAt, bool written) =>
        _duration.Record(
            Time.GetElapsedTime(startedAt).TotalSeconds,
            new KeyValuePair<string, object?>("grain", grainType),
            new KeyValuePair<string, object?>("outcome", written ? "written" : "failed"));

    /// <summary>Counts one refused write.</summary>
    public void CountFailure(string grainType, string reason) =>
        _failures.Add(1, new KeyValuePair<string, object?>("grain", grainType), new KeyValuePair<string, object?>("reason", reason));
}
