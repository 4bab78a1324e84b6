namespace OrleansEval.Actuals;

/// <summary>
/// What one label-join shard holds: the prediction rows it keeps (in storage), those whose rows are in memory, its
/// segments (all, and those in memory), the bytes of its sealed segments' filters (5 a row in storage, counted so also
/// for filters stored before checks, which take 4), and the actuals it holds for predictions that have not come; the
/// memory of its index of the window's ids, and the sealed segments its lookups consulted. For diagnostics and tests of
/// the memory bound and of the cost of a lookup.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.JoinFootprint")]
public sealed record JoinFootprint(
    [property: Id(0)] long Rows,
    [property: Id(1)] long RowsInMemory,
    [property: Id(2)] int Segments,
    [property: Id(3)] int SegmentsInMemory,
    [property: Id(4)] long FilterBytes,
    [property: Id(5)] int HeldActuals)
{
    /// <summary>
    /// Bytes of memory of the shard's index of the ids of all its sealed segments, with the keys of filters held in
    /// memory until they are stored.
    /// </summary>
    [Id(6)] public long IndexBytes { get; init; }

    /// <summary>Sealed segments the shard's lookups consulted since it was activated.</summary>
    [Id(7)] public long Probes { get; init; }
}
