namespace OrleansEval.Grains.Ingest;

/// <summary>
/// A storage record that holds one segment of an ingest-log partition, with the version tag of what it holds. A slot of
/// the partition's ring (<c>ingest-slot-&lt;k&gt;</c>) is written over by a later segment once the head records its
/// segment trimmed; a segment record of the layout before the ring (<c>ingest-log-&lt;n&gt;</c>) is deleted instead.
/// </summary>
internal sealed class SegmentSlot(string name, GrainState<IngestLogSegment> record, bool reusable)
{
    public string Name { get; } = name;

    /// <summary>The stored record; once written, its state keeps only the segment's number (the entries live elsewhere).</summary>
    public GrainState<IngestLogSegment> Record { get; } = record;

    /// <summary>True for a slot of the ring; false for a segment record of the earlier layout, deleted once trimmed.</summary>
    public bool Reusable { get; } = reusable;
}
