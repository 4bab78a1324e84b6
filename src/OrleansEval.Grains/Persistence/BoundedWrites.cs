namespace OrleansEval.Grains.Persistence;

/// <summary>
/// Runs a grain's writes a bounded number at a time on the grain's own scheduler, so each write's continuation may
/// touch the grain's state. The first failure stops new writes from starting; it is thrown once every write already
/// started has finished, so none completes after the caller has handled the failure.
/// </summary>
internal static class BoundedWrites
{
    /// <summary>Starts each of <paramref name="writes"/> in order, at most <paramref name="inFlight"/> unfinished at once.</summary>
    public static async Task RunAsync(IReadOnlyList<Func<Task>> writes, int inFlight)
    {
        ArgumentNullException.ThrowIfNull(writes);
        ArgumentOutOfRangeException.ThrowIfLessThan(inFlight, 1);
        var running = new List<Task>(Math.Min(inFlight, writes.Count));
        Exception? failure = null;
        foreach (var write in writes)
        {
            if (running.Count == inFlight)
            {
                failure = First(failure, await FinishOneAsync(running));
            }

            if (failure is not null)
            {
                break;
            }

            running.Add(write());
        }

        while (running.Count > 0)
        {
            failure = First(failure, await FinishOneAsync(running));
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    // Every write is awaited whatever came before (a `failure ??= await …` would skip the await once one failed).
    private static Exception? First(Exception? earlier, Exception? next) => earlier ?? next;

    // Waits for one of the running writes to end and removes it: its exception, or null when it succeeded.
    private static async Task<Exception?> FinishOneAsync(List<Task> running)
    {
        var done = await Task.WhenAny(running);
        running.Remove(done);
        return done.Exception?.InnerException ?? (done.IsCanceled ? new TaskCanceledException(done) : null);
    }
}
