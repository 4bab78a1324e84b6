using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace OrleansEval.Grains.RootCause;

/// <summary>
/// Where one root-cause question spent its time: each part's milliseconds since the one before, in the order they
/// ended, so that a slow question (the first after a start, an outlier) can be split into its parts from the log.
/// </summary>
internal sealed class RootCauseSpans
{
    private readonly long _started = Stopwatch.GetTimestamp();
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

    /// <summary>The parts as <c>part=ms</c> pairs, in order.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var (part, took) in _parts)
        {
            text.Append(text.Length == 0 ? string.Empty : " ").Append(part).Append('=')
                .Append(took.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
