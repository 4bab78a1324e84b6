using OrleansEval.Ingest;

namespace OrleansEval.Grains.Ingest;

/// <summary>
/// An entry of an ingest-log partition as its activation tracks it: being written (<see cref="Durable"/> set), then
/// in a stored segment; applied once fanned out in this activation; trimmed once every grain it changed has stored it.
/// </summary>
internal sealed class LiveEntry(LoggedEntry logged)
{
    /// <summary>A segment number for an entry whose write has not finished.</summary>
    public const int Unwritten = -1;

    // What a trimmed entry keeps in place of its plan: a shared empty one, so the plan it had can be collected.
    private static readonly IngestPlan NoPlan = new();

    public LoggedEntry Logged { get; private set; } = logged;

    public long Sequence => Logged.Sequence;

    /// <summary>The segment that stores the entry, or <see cref="Unwritten"/>.</summary>
    public int Segment { get; set; } = Unwritten;

    /// <summary>The plan to fan out; dropped once trimmed, when only the key and the answer are still needed.</summary>
    public IngestPlan? Plan { get; set; } = logged.Entry.Plan;

    public BatchAnswer Answer { get; set; } = logged.Entry.Answer;

    public bool Applied { get; set; }

    /// <summary>
    /// Set by the first trim that finds the entry applied; the entry is checkpointed from the next one on, after every
    /// grain it changed has had a tick of its own to write it.
    /// </summary>
    public bool CheckpointDue { get; set; }

    /// <summary>
    /// When this activation took the entry (appended, or read back from its segment), as a wall-clock timestamp: an
    /// entry that stays unapplied for longer than <c>MaxUnpersisted</c> makes the log refuse new appends.
    /// </summary>
    public long TakenAt { get; init; }

    public bool Trimmed { get; private set; }

    /// <summary>Trim ticks the entry has waited unapplied since it was written; a second one fans it out again.</summary>
    public int TicksUnapplied { get; set; }

    /// <summary>Completes when the write holding the entry is stored (or fails with the reason it was not).</summary>
    public TaskCompletionSource? Durable { get; set; }

    /// <summary>Marks the entry trimmed and lets go of its plan, here and in the logged batch, keeping its key and answer.</summary>
    public void Trim()
    {
        Trimmed = true;
        Plan = null;
        Logged = Logged with { Entry = Logged.Entry with { Plan = NoPlan } };
    }
}
