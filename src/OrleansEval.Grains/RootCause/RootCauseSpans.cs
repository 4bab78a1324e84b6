using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text;

namespace OrleansEval.Grains.RootCause;

/// <summary>
/// Where one root-cause question spent its time: each part's milliseconds since the one before, in the order they
/// ended, so that a slow question (the first after a start, an outlier) can be split into its parts from the log; and
/// what else the process did meanwhile that a question waits for: the garbage collector's pauses and the methods it
/// compiled (anywhere in the process, on any thread).
/// </summary>
internal sealed class RootCauseSpans
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly TimeSpan _pausedBefore = GC.GetTotalPauseDuration();
    private readonly long _compiledBefore = JitInfo.GetCompiledMethodCount();
    private readonly List<(string Part, TimeSpan Took)> _parts = [];
    private long _last;

    /// <summary>Creates the spans of a question that starts now.</summary>
    public RootCauseSpans() => _last = _started;

    /// <summary>The time since the question started.</summary>
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

    /// <summary>Ends <paramref name="part"/>: the time since the last part ended (or the question started) is its.</summary>
    public void End(string part)
    {
        var now = Stopwatch.GetTimestamp();
        _parts.Add((part, Stopwatch.GetElapsedTime(_last, now)));
        _last = now;
    }

    /// <summary>
    /// The parts as <c>part=ms</c> pairs, in order, then the collector's pauses in milliseconds (<c>gcPause</c>) and the
    /// methods compiled (<c>compiled</c>) since the question started.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var (part, took) in _parts)
        {
            text.Append(text.Length == 0 ? string.Empty : " ").Append(part).Append('=')
                .Append(took.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture));
        }

        var paused = GC.GetTotalPauseDuration() - _pausedBefore;
        var compiled = JitInfo.GetCompiledMethodCount() - _compiledBefore;
        text.Append(text.Length == 0 ? string.Empty : " ").Append("gcPause=").Append(paused.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture))
            .Append(" compiled=").Append(compiled.ToString(CultureInfo.InvariantCulture));
        return text.ToString();
    }
}
