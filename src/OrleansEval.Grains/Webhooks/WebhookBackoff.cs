namespace OrleansEval.Grains.Webhooks;

/// <summary>Exponential backoff with jitter: the n-th wait is InitialBackoff·2^(n−1), capped at MaxBackoff, less a random part of up to half of it.</summary>
internal static class WebhookBackoff
{
    /// <param name="failures">Failed attempts so far at this alert, from 1.</param>
    /// <param name="options">The backoff settings.</param>
    /// <param name="random">A number in [0, 1) that picks the jitter.</param>
    public static TimeSpan Delay(int failures, WebhookOptions options, double random)
    {
        var exponent = Math.Min(failures - 1, 30);
        var ticks = Math.Min(options.InitialBackoff.Ticks * Math.Pow(2, exponent), options.MaxBackoff.Ticks);

        // Jitter spreads the retries of many webhooks that failed together (a receiver's outage) apart.
        return TimeSpan.FromTicks((long)(ticks * (1 - (0.5 * random))));
    }
}
