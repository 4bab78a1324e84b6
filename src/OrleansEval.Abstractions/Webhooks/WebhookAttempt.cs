namespace OrleansEval.Webhooks;

/// <summary>One POST of one alert to a webhook's receiver, and how it ended.</summary>
[GenerateSerializer]
[Alias("OrleansEval.WebhookAttempt")]
[Immutable]
public sealed record WebhookAttempt
{
    /// <summary>The alert's sequence number.</summary>
    [Id(0)] public long Sequence { get; init; }

    /// <summary>When the attempt ended (system clock).</summary>
    [Id(1)] public DateTimeOffset At { get; init; }

    /// <summary>Which attempt at this alert it was, from 1.</summary>
    [Id(2)] public int Attempt { get; init; }

    /// <summary>The receiver's HTTP status; null when it gave none (timeout, refused connection).</summary>
    [Id(3)] public int? Status { get; init; }

    /// <summary>Why the attempt failed; null when it succeeded.</summary>
    [Id(4)] public string? Error { get; init; }

    /// <summary>How long the receiver took, in milliseconds.</summary>
    [Id(5)] public long DurationMs { get; init; }
}
