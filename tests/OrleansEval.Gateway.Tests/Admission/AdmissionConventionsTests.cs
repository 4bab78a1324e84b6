using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansEval.Gateway.Admission;

namespace OrleansEval.Gateway.Tests.Admission;

public sealed class AdmissionConventionsTests : IAsyncDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection()
        .AddMetrics()
        .AddSingleton<TimeProvider>(new FakeTimeProvider())
        .AddSingleton(Options.Create(new AdmissionOptions { MaxConcurrentIngests = 1, MaxQueuedIngests = 0, RetryAfterSeconds = 3 }))
        .AddSingleton<AdmissionLimiter>()
        .BuildServiceProvider();

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private AdmissionLimiter Limiter => _services.GetRequiredService<AdmissionLimiter>();

    private DefaultHttpContext Context() => new() { RequestServices = _services };

    private static Task NotRefused(HttpContext context, int retryAfterSeconds) => throw new InvalidOperationException("the request was refused");

    [Fact]
    public async Task AdmitAsync_WhileTheOnlySlotIsHeld_WritesTheRefusalWithRetryAfterInsteadOfRunningTheEndpoint()
    {
        var release = new TaskCompletionSource();
        var ran = false;
        var refusedWith = 0;

        var held = AdmissionConventions.AdmitAsync(Context(), _ => release.Task, "http", NotRefused);
        await AdmissionConventions.AdmitAsync(
            Context(),
            _ =>
            {
                ran = true;
                return Task.CompletedTask;
            },
            "http",
            (_, seconds) =>
            {
                refusedWith = seconds;
                return Task.CompletedTask;
            });
        var inFlightWhileHeld = Limiter.InFlight;
        release.SetResult();
        await held;

        Assert.False(ran);
        Assert.Equal(3, refusedWith);
        Assert.Equal(1, inFlightWhileHeld);
        Assert.Equal(0, Limiter.InFlight);
    }

    [Fact]
    public async Task AdmitAsync_WhenTheEndpointThrowsOrIsCancelled_ReturnsTheSlot()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => AdmissionConventions.AdmitAsync(Context(), _ => throw new InvalidOperationException("broken"), "http", NotRefused));
        var afterThrow = Limiter.InFlight;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => AdmissionConventions.AdmitAsync(Context(), _ => Task.FromCanceled(new CancellationToken(canceled: true)), "grpc", NotRefused));
        var afterCancel = Limiter.InFlight;
        var ran = false;
        await AdmissionConventions.AdmitAsync(
            Context(),
            _ =>
            {
                ran = true;
                return Task.CompletedTask;
            },
            "http",
            NotRefused);

        Assert.Equal(0, afterThrow);
        Assert.Equal(0, afterCancel);
        Assert.True(ran);
        Assert.Equal(0, Limiter.InFlight);
    }
}
