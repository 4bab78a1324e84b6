namespace OrleansEval.Grains.Tests.Cluster;

/// <summary>
/// Holds one listing of a model's row parts until released (a minute at most), so that a test can act while a read of
/// kept rows is under way: <see cref="Reached"/> completes when the read arrives at the hold.
/// </summary>
internal sealed class ReadHold : IDisposable
{
    private static readonly TimeSpan Longest = TimeSpan.FromMinutes(1);

    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a read is held.</summary>
    public Task Reached => _reached.Task;

    /// <summary>Lets the held read go on.</summary>
    public void Release() => _released.TrySetResult();

    public void Dispose() => Release();

    /// <summary>Holds the calling read until released, or a minute at most.</summary>
    public async Task HoldAsync(CancellationToken cancellationToken)
    {
        _reached.TrySetResult();
        try
        {
            await _released.Task.WaitAsync(Longest, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Never held longer than a minute: a test that forgot to release still ends.
        }
    }
}
