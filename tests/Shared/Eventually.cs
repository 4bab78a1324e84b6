namespace OrleansEval.Testing;

/// <summary>
/// Waits for something a test cannot be told about by polling it until it holds; fails, naming what was last seen,
/// once the deadline has passed. The one wait of the test projects (each links this file), so none sleeps for a time.
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Asks <paramref name="probe"/> until <paramref name="holds"/> is true of its answer, and returns that answer.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> holds, Func<T, string> describe, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var answer = await probe();
            if (holds(answer))
            {
                return answer;
            }

            Assert.True(DateTime.UtcNow < deadline, $"after {timeout.TotalSeconds:F0} s: {describe(answer)}");
            await Task.Delay(PollInterval);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> is true.</summary>
    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan timeout) =>
        UntilAsync(() => Task.FromResult(condition()), holds => holds, _ => $"still not {what}", timeout);
}
