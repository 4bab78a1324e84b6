namespace OrleansEval.Grains.Rows;

/// <summary>
/// One day of a row grain: rows (or late actuals) applied to it so far, the number of its next part, and when the
/// latest of them arrived — retention counts from then.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.RowDay")]
public sealed class RowDay
{
    [Id(0)] public long Count { get; set; }

    [Id(1)] public int NextPart { get; set; }

    [Id(2)] public DateTimeOffset LastArrived { get; set; }
}
