namespace OrleansEval.Grains.Webhooks;

/// <summary>How webhooks retry and wait (section <see cref="SectionName"/>).</summary>
public sealed class WebhookOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "OrleansEval:Webhooks";

    /// <summary>The wait before the second attempt at an alert; each further attempt waits twice as long, up to <see cref="MaxBackoff"/>, less up to half of it as jitter.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long an alert is retried after its first failed attempt before it is given up (recorded as a failure) and the next is sent.</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a receiver may take to answer; one that takes longer has failed that attempt.</summary>
    public TimeSpan ReceiverTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The period of each webhook's reminder, the safety net that resumes delivery after a silo is lost.</summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many deliveries and failures a webhook shows (each).</summary>
    public int History { get; set; } = 20;
}
