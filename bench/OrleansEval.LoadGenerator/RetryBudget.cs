namespace OrleansEval.LoadGenerator;

/// <summary>
/// The resends of one request: a 429 (or RESOURCE_EXHAUSTED) waits its Retry-After plus up to half as long again at
/// random, so clients refused together do not all come back together; an error waits 200 ms. Refusals are expected
/// under overload, so they have a budget of their own (120) apart from errors (20).
/// </summary>
internal sealed class RetryBudget(Stats stats)
{
    private const int MaxErrors = 20;
    private const int MaxRefusals = 120;

    private int _errors;
    private int _refusals;

    public bool CanTry => _errors < MaxErrors && _refusals < MaxRefusals;

    public Task RefusedAsync(TimeSpan retryAfter)
    {
        Interlocked.Increment(ref stats.Overloaded);
        _refusals++;
        var delay = retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter > TimeSpan.FromSeconds(60) ? TimeSpan.FromSeconds(60) : retryAfter;
        return Task.Delay(delay + (delay * Random.Shared.NextDouble() / 2));
    }

    public Task FailedAsync(string error)
    {
        stats.Error(error);
        _errors++;
        return Task.Delay(TimeSpan.FromMilliseconds(200));
    }

    public void Acknowledged()
    {
        if (_refusals > 0)
        {
            Interlocked.Increment(ref stats.RefusedThenAccepted);
        }
    }
}
