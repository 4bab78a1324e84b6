using OrleansEval.Grains.Webhooks;

namespace OrleansEval.Grains.Tests.Webhooks;

/// <summary>The waits between attempts: doubling from InitialBackoff, capped at MaxBackoff, less at most half as jitter.</summary>
public sealed class WebhookBackoffTests
{
    private static readonly WebhookOptions Options = new() { InitialBackoff = TimeSpan.FromSeconds(5), MaxBackoff = TimeSpan.FromMinutes(10) };

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(5, 80)]
    [InlineData(8, 600)]
    [InlineData(1_000, 600)]
    public void Delay_WithoutJitter_DoublesUpToTheCap(int failures, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), WebhookBackoff.Delay(failures, Options, 0));

    [Fact]
    public void Delay_WithJitter_IsBetweenHalfAndTheWholeWait()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), WebhookBackoff.Delay(2, Options, 1));
        Assert.Equal(TimeSpan.FromSeconds(7.5), WebhookBackoff.Delay(2, Options, 0.5));
    }

    [Fact]
    public void AnHourOfRetries_AtTheDefaultsWithTheMostJitter_HoldsTenToTwentyAttempts()
    {
        // Waits of about 2.5 s, 5 s, … 160 s, then 300 s each: the receiver is tried often early on and still for the whole hour.
        var waited = TimeSpan.Zero;
        var attempts = 1;
        while (waited < TimeSpan.FromHours(1))
        {
            waited += WebhookBackoff.Delay(attempts++, new WebhookOptions(), 0.999);
        }

        Assert.InRange(attempts, 10, 20);
    }
}
