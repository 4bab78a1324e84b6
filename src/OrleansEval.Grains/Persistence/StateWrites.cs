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

    private readonly Counter<long> _failures;

    public StateWrites(TimeProvider time, IOptions<OrleansEvalOptions> options, IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meters);
        Time = time;
        MaxUnpersisted = options.Value.MaxUnpersisted;
        _failures = meters.Create(MeterName).CreateCounter<long>(FailuresCounter, unit: "{write}", description: "Grain state writes the store refused or did not answer");
    }

    /// <summary>The wall clock that measures how long a grain has gone unpersisted (not the store's evaluation clock).</summary>
    public TimeProvider Time { get; }

    /// <summary>How long a grain may go unpersisted before it stops acknowledging.</summary>
    public TimeSpan MaxUnpersisted { get; }

    /// <summary>The writes of one activation of a grain of type <paramref name="grainType"/> (as it is named in logs and tags).</summary>
    public GrainWrites For(string grainType, ILogger logger) => new(this, grainType, logger);

    /// <summary>Counts one refused write.</summary>
    public void CountFailure(string grainType, string reason) =>
        _failures.Add(1, new KeyValuePair<string, object?>("grain", grainType), new KeyValuePair<string, object?>("reason", reason));
}
