using OrleansEval.Alerts;
using OrleansEval.Grains.Monitors;

namespace OrleansEval.Grains.Tests.Monitors;

public sealed class AlertTransitionsTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Next_ValueOscillatingOnePercentAroundTheThreshold_RaisesOneAlertNotMany()
    {
        var state = AlertState.Ok;
        var changedAt = Start;
        var alerts = 0;
        for (var i = 0; i < 100; i++)
        {
            var value = i % 2 == 0 ? 0.202 : 0.198;
            var next = AlertTransitions.Next(state, value, 0.2, higherIsWorse: true, hysteresis: 0.05, TimeSpan.Zero, changedAt, Start.AddHours(i));
            if (next is { } changed)
            {
                state = changed;
                changedAt = Start.AddHours(i);
                alerts++;
            }
        }

        Assert.Equal(1, alerts);
        Assert.Equal(AlertState.Firing, state);
    }

    [Fact]
    public void Next_ValueBackPastTheBand_Resolves_AndCooldownHoldsOffARefire()
    {
        var now = Start;
        Assert.Equal(AlertState.Firing, AlertTransitions.Next(AlertState.Ok, 0.5, 0.2, true, 0.05, TimeSpan.FromHours(2), now, now));
        Assert.Null(AlertTransitions.Next(AlertState.Firing, 0.195, 0.2, true, 0.05, TimeSpan.FromHours(2), now, now));
        Assert.Equal(AlertState.Resolved, AlertTransitions.Next(AlertState.Firing, 0.18, 0.2, true, 0.05, TimeSpan.FromHours(2), now, now));
        Assert.Null(AlertTransitions.Next(AlertState.Resolved, 0.5, 0.2, true, 0.05, TimeSpan.FromHours(2), now, now.AddHours(1)));
        Assert.Equal(AlertState.Firing, AlertTransitions.Next(AlertState.Resolved, 0.5, 0.2, true, 0.05, TimeSpan.FromHours(2), now, now.AddHours(2)));
    }

    [Fact]
    public void Next_LowerIsWorse_FiresBelowAndResolvesAbove()
    {
        Assert.Equal(AlertState.Firing, AlertTransitions.Next(AlertState.Ok, 0.65, 0.7, false, 0.05, TimeSpan.Zero, Start, Start));
        Assert.Null(AlertTransitions.Next(AlertState.Ok, 0.71, 0.7, false, 0.05, TimeSpan.Zero, Start, Start));
        Assert.Null(AlertTransitions.Next(AlertState.Firing, 0.72, 0.7, false, 0.05, TimeSpan.Zero, Start, Start));
        Assert.Equal(AlertState.Resolved, AlertTransitions.Next(AlertState.Firing, 0.74, 0.7, false, 0.05, TimeSpan.Zero, Start, Start));
    }
}
