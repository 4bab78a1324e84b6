namespace OrleansEval.Grains.Rows;

/// <summary>
/// Which days the row store keeps: a UTC day is kept while its end lies less than <c>RowRetention</c> before the
/// store's clock; its parts are deleted (and never read) once it does not.
/// </summary>
internal readonly record struct RowRetention(TimeSpan Retention, DateTimeOffset Now)
{
    /// <summary>The first day kept.</summary>
    public DateOnly FirstKept
    {
        get
        {
            var limit = Now - Retention;
            var day = DateOnly.FromDateTime(limit.UtcDateTime);

            // A day whose end is exactly at the limit has ended that much ago: it goes.
            return day.AddDays(1).ToDateTime(TimeOnly.MinValue) <= limit.UtcDateTime ? day.AddDays(1) : day;
        }
    }

    /// <summary>True when <paramref name="day"/> is past retention.</summary>
    public bool IsExpired(DateOnly day) => day < FirstKept;
}
