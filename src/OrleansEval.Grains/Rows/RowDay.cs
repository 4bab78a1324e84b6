namespace OrleansEval.Grains.Rows;

/// <summary>One day of a row grain: rows (or late actuals) applied to it so far, and the number of its next part.</summary>
[GenerateSerializer]
[Alias("OrleansEval.Grains.RowDay")]
public sealed class RowDay
{
    [Id(0)] public long Count { get; set; }

    [Id(1)] public int NextPart { get; set; }
}
