namespace OrleansEval.Grains.Persistence;

/// <summary>
/// Whether the records written in proportion to the data ingested — the ingest log's segments and key pages, the label
/// join's segments and their chunks — are compressed before they are stored (<c>OrleansEval:SegmentCompression</c>).
/// Records are read back either way: a compressed record says so in its first byte.
/// </summary>
public enum SegmentCompression
{
    /// <summary>Stored as serialized, as before compression was added.</summary>
    None,

    /// <summary>
    /// Brotli at its fastest levels (quality 0 for a log segment, 1 for the join's segments and the key pages): a log
    /// segment of 1,000 records of 20 features shrinks about two thirds.
    /// </summary>
    Fastest,
}
