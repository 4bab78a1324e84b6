using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using OrleansEval.Grains.WarmUp;
using OrleansEval.Sketches.FailureModes;

namespace OrleansEval.Grains.Tests.WarmUp;

/// <summary>
/// The grain side's warm-up finds the generated invokable of every call of the query paths, carries a request and an
/// answer of each through Orleans' copier and serializer, compiles the answering code, and stops when cancelled.
/// </summary>
public sealed class GrainCallWarmUpTests
{
    // The calls of the query paths: the model's snapshot and baseline, the slice families' counts and estimate, the row
    // grain's kept days, the baseline side, the column's drift, and the workers' estimate, drift, root cause,
    // recommendations and worst slices.
    private const int Calls = 13;

    [Fact]
    public async Task Run_OfTheSyntheticAnswers_CarriesARequestAndAnAnswerOfEveryCallAndCompilesTheAnsweringCode()
    {
        var answers = await QueryWarmUp.AnswersAsync(new FailureModeOptions(), 4_000_000, CancellationToken.None);
        await using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();

        var result = GrainCallWarmUp.Run(services.GetRequiredService<Serializer>(), services.GetRequiredService<DeepCopier>(), answers, CancellationToken.None);

        Assert.Equal(Calls, result.CallsRequested);
        Assert.Equal(2 * Calls, result.Carried);
        Assert.InRange(result.Compiled, 200, int.MaxValue);
    }

    [Fact]
    public async Task Run_Cancelled_Stops()
    {
        var answers = await QueryWarmUp.AnswersAsync(new FailureModeOptions(), 4_000_000, CancellationToken.None);
        await using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Assert.Throws<OperationCanceledException>(() => GrainCallWarmUp.Run(services.GetRequiredService<Serializer>(), services.GetRequiredService<DeepCopier>(), answers, cancelled.Token));
    }
}
