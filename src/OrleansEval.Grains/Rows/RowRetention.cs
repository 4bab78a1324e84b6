namespace OrleansEval.Grains.Rows;

/// <summary>
/// Which days the row store keeps: a UTC day is kept while its end lies less than <c>RowRetention</c> before the
/// store's clock; its parts are deleted (and never read) once it does not.
/// </summary>
internal readonly record struct RowRetention(TimeSpan Retention, DateTimeOffset Now)
{
    /// <summary>The first day kept: the day of the instant <c>RowRetention</c> before now, whose end is still after it.</summary>
    public DateOnly FirstKept => DateOnly.FromDateTime((Now - Retention).UtcDateTime);

    /// <summary>True when <paramref name="day"/> is past retention.</summary>
    public bool IsExpired(DateOnly day) => day < FirstKept;
}
