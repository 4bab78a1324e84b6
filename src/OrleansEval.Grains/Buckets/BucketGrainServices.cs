using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Persistence;

namespace OrleansEval.Grains.Buckets;

/// <summary>The services every <see cref="BucketGrain{TState, TBucket}"/> takes, resolved once for the silo.</summary>
internal sealed class BucketGrainServices(
    IOptions<OrleansEvalOptions> options,
    [FromKeyedServices(EvaluationClock.Key)] TimeProvider time,
    StateWrites writes,
    WriteSlots slots)
{
    /// <summary>The store's options: sketch sizes, persist interval, rollup delay.</summary>
    public OrleansEvalOptions Options => options.Value;

    /// <summary>The store's clock, which decides when a day is due for rollup.</summary>
    public TimeProvider Time => time;

    /// <summary>The store's write accounting.</summary>
    public StateWrites Writes => writes;

    /// <summary>The silo's bound on the writes under way at once.</summary>
    public WriteSlots Slots => slots;
}
