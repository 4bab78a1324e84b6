namespace OrleansEval.Grains.RootCause;

/// <summary>
/// The root-cause questions this process is answering and when the last one ended, for what would pause or crowd them
/// out — the heap governor's blocking compaction, the bucket grains' state writes — to wait until they are over.
/// </summary>
/// <param name="time">The clock the ends are read on.</param>
public sealed class QuestionsInFlight(TimeProvider time)
{
    private readonly Lock _lock = new();
    private int _inFlight;
    private long _lastEndedTicks = long.MinValue;

    // Completed while no question is under way; a new one is made when the first question of a run begins.
    private TaskCompletionSource _none = Completed();

    /// <summary>How many questions are under way.</summary>
    public int Count => Volatile.Read(ref _inFlight);

    /// <summary>When the last question ended; null before the first.</summary>
    public DateTimeOffset? LastEnded
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastEndedTicks);
            return ticks == long.MinValue ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>Completes when no question is under way: at once when none is, else when the last of those under way ends.</summary>
    public Task WhenNone()
    {
        lock (_lock)
        {
            return _none.Task;
        }
    }

    /// <summary>Counts a question under way until the returned scope is disposed.</summary>
    public Scope Begin()
    {
        lock (_lock)
        {
            if (_inFlight++ == 0)
            {
                _none = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        return new Scope(this);
    }

    private void End()
    {
        Interlocked.Exchange(ref _lastEndedTicks, time.GetUtcNow().UtcTicks);
        TaskCompletionSource? ended = null;
        lock (_lock)
        {
            if (--_inFlight == 0)
            {
                ended = _none;
            }
        }

        // Outside the lock; the continuations run asynchronously, not on the question's thread.
        ended?.TrySetResult();
    }

    private static TaskCompletionSource Completed()
    {
        var none = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        none.SetResult();
        return none;
    }

    /// <summary>A question under way; disposing it ends it.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly QuestionsInFlight? _owner;

        internal Scope(QuestionsInFlight owner) => _owner = owner;

        /// <summary>Ends the question.</summary>
        public void Dispose() => _owner?.End();
    }
}
