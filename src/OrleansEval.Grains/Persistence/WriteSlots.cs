using Microsoft.Extensions.Options;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.RootCause;

namespace OrleansEval.Grains.Persistence;

/// <summary>
/// The silo's bound on the column and slice-family state writes under way at once
/// (<see cref="OrleansEvalOptions.BucketWritesInFlight"/>), and their deference to root-cause questions: a write first
/// waits for the questions under way to end (at most <see cref="OrleansEvalOptions.WriteDeferralForQuestion"/>), then
/// for a free slot, which it holds from encoding its buckets until the store answers. Right after a bulk load every
/// grain of a model has a large write due within one interval; unbounded, their encoding, copies and serialization
/// filled the thread pool's queue ahead of a question's grain calls and their garbage paused it. Nothing is dropped or
/// reordered within a grain: a write that waits keeps its changes pending, and the grain goes on taking batches and
/// answering questions meanwhile.
/// </summary>
internal sealed class WriteSlots : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly QuestionsInFlight _questions;
    private readonly TimeProvider _time;
    private readonly TimeSpan _deferral;

    public WriteSlots(IOptions<OrleansEvalOptions> options, QuestionsInFlight questions, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _questions = questions;
        _time = time;
        _deferral = options.Value.WriteDeferralForQuestion;
        Capacity = options.Value.BucketWritesInFlight;
        _slots = new SemaphoreSlim(Capacity, Capacity);
    }

    /// <summary>How many writes may be under way at once.</summary>
    public int Capacity { get; }

    /// <summary>How many writes are under way now.</summary>
    public int InUse => Capacity - _slots.CurrentCount;

    /// <summary>Waits for the questions under way (bounded), then for a free slot; disposing the slot frees it.</summary>
    public async Task<Slot> EnterAsync()
    {
        var none = _questions.WhenNone();
        if (!none.IsCompleted && _deferral > TimeSpan.Zero)
        {
            await Task.WhenAny(none, Task.Delay(_deferral, _time));
        }

        await _slots.WaitAsync();
        return new Slot(_slots);
    }

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();

    /// <summary>A write's slot; disposing it lets the next write start.</summary>
    public sealed class Slot : IDisposable
    {
        private SemaphoreSlim? _slots;

        internal Slot(SemaphoreSlim slots) => _slots = slots;

        /// <summary>Frees the slot (once).</summary>
        public void Dispose() => Interlocked.Exchange(ref _slots, null)?.Release();
    }
}
