using OrleansEval.Actuals;
using OrleansEval.Ingest;
using OrleansEval.Models;

namespace OrleansEval.Grains.Actuals;

/// <summary>
/// What a label-join shard persists in its own record: which segments hold its predictions (each segment is a record of
/// its own, written only when it changed, and once sealed has a filter record beside it), the actuals held for
/// predictions that have not come, and the ingest-log entries it applied.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.JoinState")]
public sealed class JoinState
{
    [Id(6)] public List<int> Segments { get; set; } = [];

    [Id(1)] public Dictionary<string, HeldActual> Held { get; set; } = new(StringComparer.Ordinal);

    [Id(3)] public ModelTask Task { get; set; }

    [Id(4)] public string PositiveLabel { get; set; } = "1";

    /// <summary>The number the next segment gets; segments are numbered in order of arrival.</summary>
    [Id(5)] public int NextSegment { get; set; }

    /// <summary>The ingest-log entries applied, per log; they replace the recent batch ids once kept under id 2.</summary>
    [Id(7)] public Dictionary<string, Persistence.AppliedLog> Applied { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Outcomes of backfill adoptions stored with the rows' membership and not yet stored by their slices.</summary>
    [Id(8)] public List<AdoptedOutcomes> Adoptions { get; set; } = [];

    /// <summary>
    /// The outbox as records before Dec 7 kept it (the outcomes their families had not confirmed, per entry); read on
    /// activation only, its entries moved into the outbox's chunks, and written empty from then on.
    /// </summary>
    [Id(9)] public List<JoinOutboxEntry> Outbox { get; set; } = [];

    /// <summary>The shard's count of the batches it applied, which numbers each outbox entry in that order (<see cref="JoinOutboxEntry.Order"/>).</summary>
    [Id(10)] public long Applications { get; set; }

    /// <summary>The lowest outbox chunk that held an unconfirmed entry when this record was written (<see cref="JoinOutboxChunks"/>).</summary>
    [Id(11)] public int OutboxFloor { get; set; }

    /// <summary>
    /// The outbox entries (by position) whose redo the segments written before this record already hold, and whose
    /// batches the record does not: an activation does not redo them again, since later batches may have changed their
    /// rows since (docs/architecture.md, "The join's outbox").
    /// </summary>
    [Id(12)] public List<LogPosition> Redone { get; set; } = [];
}

/// <summary>
/// Predictions that arrived one after the other, kept and forgotten together: the segment is dropped whole once the
/// join window has passed since its newest arrival.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.JoinSegment")]
public sealed class JoinSegment
{
    [Id(0)] public int Number { get; set; }

    [Id(1)] public DateTimeOffset FirstArrival { get; set; }

    [Id(2)] public DateTimeOffset LastArrival { get; set; }

    [Id(3)] public PendingPredictions Rows { get; set; } = new();

    /// <summary>In a chunk of an open segment (<see cref="JoinSegmentChunks"/>), the segment's row its first row is; 0 in a segment's own record.</summary>
    [Id(4)] public int FirstRow { get; set; }
}

/// <summary>An actual that arrived before its prediction, and when the shard forgets it.</summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.HeldActual")]
public sealed class HeldActual
{
    [Id(0)] public required JoinActual Actual { get; set; }

    [Id(1)] public DateTimeOffset ExpiresAt { get; set; }
}
