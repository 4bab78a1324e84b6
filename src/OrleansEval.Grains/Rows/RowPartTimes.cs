namespace OrleansEval.Grains.Rows;

/// <summary>The newest and oldest event time among the rows of one stored part.</summary>
public readonly record struct RowPartTimes(DateTimeOffset Newest, DateTimeOffset Oldest);
