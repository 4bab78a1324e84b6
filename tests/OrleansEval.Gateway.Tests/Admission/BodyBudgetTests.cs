using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansEval.Gateway.Admission;

namespace OrleansEval.Gateway.Tests.Admission;

public sealed class BodyBudgetTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    private BodyBudget Budget(long bytes) =>
        new(Options.Create(new AdmissionOptions { MaxBufferedBodyBytes = bytes }), _services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());

    [Fact]
    public void TryReserve_UpToTheLimit_Succeeds_BeyondIt_TakesNothing_AndReleasedBytesCanBeTakenAgain()
    {
        var budget = Budget(100_000);

        var first = budget.TryReserve(60_000);
        var second = budget.TryReserve(40_000);
        var beyond = budget.TryReserve(1);
        var reservedWhenFull = budget.Reserved;
        budget.Release(40_000);
        var again = budget.TryReserve(30_000);

        Assert.True(first);
        Assert.True(second);
        Assert.False(beyond);
        Assert.Equal(100_000, reservedWhenFull);
        Assert.True(again);
        Assert.Equal(90_000, budget.Reserved);
    }
}
