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

    /// <summary>
    /// The plan to fan out; dropped once applied and stored (<see cref="Release"/>), when a fan-out again reads it back
    /// from the entry's segment, and once trimmed, when only the key and the answer are still needed.
    /// </summary>
    public IngestPlan? Plan { get; set; } = logged.Entry.Plan;

    /// <summary>The grains the plan changed, kept when the plan is released so that they can be checkpointed.</summary>
    public PlanTargets? Targets { get; private set; }

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

    /// <summary>
    /// Lets go of the plan of an applied entry whose segment is stored, keeping <paramref name="targets"/>, its key and
    /// its answer: the plan's column chunks and ids are the batch's largest objects, and held here until the trim after
    /// next (two persist intervals) they outlived the young generations and died in gen 2, which they filled with free
    /// space between compacting collections. A fan-out again (a grain lost the entry) reads the plan from the segment.
    /// </summary>
    public void Release(PlanTargets targets)
    {
        Targets = targets;
        Plan = null;
        Logged = Logged with { Entry = Logged.Entry with { Plan = NoPlan } };
    }

    /// <summary>Marks the entry trimmed and lets go of its plan, here and in the logged batch, keeping its key and answer.</summary>
    public void Trim()
    {
        Trimmed = true;
        Plan = null;
        Logged = Logged with { Entry = Logged.Entry with { Plan = NoPlan } };
    }
}
