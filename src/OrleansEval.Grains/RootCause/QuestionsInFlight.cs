namespace OrleansEval.Grains.RootCause;

/// <summary>
/// The root-cause questions this process is answering and when the last one ended, for what would pause them — the heap
/// governor's blocking compaction — to wait until they are over.
/// </summary>
/// <param name="time">The clock the ends are read on.</param>
public sealed class QuestionsInFlight(TimeProvider time)
{
    private int _inFlight;
    private long _lastEndedTicks = long.MinValue;

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

    /// <summary>Counts a question under way until the returned scope is disposed.</summary>
    public Scope Begin()
    {
        Interlocked.Increment(ref _inFlight);
        return new Scope(this);
    }

    private void End()
    {
        Interlocked.Exchange(ref _lastEndedTicks, time.GetUtcNow().UtcTicks);
        Interlocked.Decrement(ref _inFlight);
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
