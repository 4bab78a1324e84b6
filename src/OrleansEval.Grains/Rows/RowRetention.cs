namespace OrleansEval.Grains.Rows;

/// <summary>
/// Which rows the row store keeps: rows are kept for <c>RowRetention</c> after they arrive, whatever their event time,
/// so history imported today is kept as long as today's traffic. A day of a series (its rows by event time) expires
/// once the latest row applied to it arrived <c>RowRetention</c> or more before the store's clock; a day of late
/// actuals, kept by arrival day, once its end is that old. An expired day's parts are deleted and never read.
/// </summary>
internal readonly record struct RowRetention(TimeSpan Retention, DateTimeOffset Now)
{
    /// <summary>The earliest arrival still kept.</summary>
    public DateTimeOffset Oldest => Now - Retention;

    /// <summary>True when rows that arrived at <paramref name="arrived"/> are past retention.</summary>
    public bool IsExpired(DateTimeOffset arrived) => arrived < Oldest;

    /// <summary>True when the arrival day <paramref name="day"/> (late actuals) is past retention.</summary>
    public bool IsExpired(DateOnly day) => IsExpired(new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    /// <summary>
    /// True when a series' day whose latest row arrived at <paramref name="kept"/>'s <c>LastArrived</c> is past retention.
    /// </summary>
    public bool IsExpired(RowDay kept) => IsExpired(kept.LastArrived);
}
