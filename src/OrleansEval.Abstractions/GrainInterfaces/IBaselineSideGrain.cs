using OrleansEval.Baselines;
using OrleansEval.RootCause;

namespace OrleansEval.GrainInterfaces;

/// <summary>
/// Counts a frozen baseline's side of a root cause (key <see cref="BaselineSideKey"/>) from its kept rows, in the
/// background and under every metric of the model's task at once, and keeps the counts with the revision of its rows
/// they were counted at (its window's days in its series' slice state, and their kept rows), so that a root cause from
/// per-bin state reads no row at question time.
/// </summary>
[Alias("OrleansEval.IBaselineSideGrain")]
public interface IBaselineSideGrain : IGrainWithStringKey
{
    /// <summary>Starts counting <paramref name="baseline"/>'s side unless its counts hold or a count goes on.</summary>
    [Alias("Start")]
    Task StartAsync(Baseline baseline);

    /// <summary>
    /// The counts under <paramref name="metric"/> when they were counted at revision <paramref name="revision"/>;
    /// otherwise a count is started and waited for (2 s at most), and the answer says why the kept counts did not hold.
    /// </summary>
    [Alias("Get")]
    Task<BaselineSideAnswer> GetAsync(Baseline baseline, string metric, string revision);
}
