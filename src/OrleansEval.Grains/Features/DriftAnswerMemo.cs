using OrleansEval.Baselines;
using OrleansEval.Drift;

namespace OrleansEval.Grains.Features;

/// <summary>
/// The drift answers a column grain gave since its buckets last changed, so that the same question asked again — a
/// report refreshed, a dashboard opened twice — is answered without reading, merging and sorting the window again. An
/// answer is kept for its question (baseline revision, baseline column, window to the offset, policy) and only while
/// the buckets stay at the revision it was computed from: any record, rollup or quarantined bucket moves the revision
/// on and every kept answer is dropped. A kept answer is the object the calculation returned, so it is the same answer
/// to the byte. At most <see cref="Capacity"/> answers are kept; past that the memo starts over.
/// </summary>
internal sealed class DriftAnswerMemo
{
    /// <summary>Answers kept at one revision: the windows a dashboard asks of one column at a time.</summary>
    public const int Capacity = 16;

    private readonly Dictionary<Question, ColumnDrift> _answers = [];
    private object? _buckets;
    private long _revision;

    /// <summary>The answer kept for <paramref name="request"/> if <paramref name="buckets"/> are still at <paramref name="revision"/>.</summary>
    public ColumnDrift? Find(ColumnDriftRequest request, object buckets, long revision) =>
        ReferenceEquals(buckets, _buckets) && revision == _revision && _answers.TryGetValue(Question.Of(request), out var answer) ? answer : null;

    /// <summary>Keeps <paramref name="answer"/> to <paramref name="request"/>, computed from <paramref name="buckets"/> at <paramref name="revision"/>.</summary>
    public void Keep(ColumnDriftRequest request, object buckets, long revision, ColumnDrift answer)
    {
        if (!ReferenceEquals(buckets, _buckets) || revision != _revision || _answers.Count >= Capacity)
        {
            _answers.Clear();
            _buckets = buckets;
            _revision = revision;
        }

        _answers[Question.Of(request)] = answer;
    }

    /// <summary>Drops every kept answer.</summary>
    public void Clear() => _answers.Clear();

    // The window's offsets are part of the question: equal instants written with other offsets answer another window text.
    // A baseline column is an immutable record whose arrays compare by identity, so an equal column holds the same values.
    private readonly record struct Question(
        string CounterKey,
        BaselineColumn Reference,
        DateTimeOffset From,
        TimeSpan FromOffset,
        DateTimeOffset To,
        TimeSpan ToOffset,
        DriftPolicy Policy)
    {
        public static Question Of(ColumnDriftRequest request) => new(
            request.CounterKey,
            request.Reference,
            request.Window.From,
            request.Window.From.Offset,
            request.Window.To,
            request.Window.To.Offset,
            request.Policy);
    }
}
