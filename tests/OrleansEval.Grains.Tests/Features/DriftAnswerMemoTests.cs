using OrleansEval.Baselines;
using OrleansEval.Drift;
using OrleansEval.Grains.Features;
using OrleansEval.Models;

namespace OrleansEval.Grains.Tests.Features;

public sealed class DriftAnswerMemoTests
{
    private static readonly DateTimeOffset From = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
    private static readonly BaselineColumn Reference = new()
    {
        Column = "city",
        Type = FeatureType.Categorical,
        Categories = ["Oslo", "Rome"],
        Counts = [3, 1],
        Count = 4,
    };

    private readonly object _buckets = new();
    private readonly DriftAnswerMemo _memo = new();

    [Fact]
    public void Find_OfTheSameQuestionAtTheSameRevision_GivesTheKeptAnswer()
    {
        var answer = Answer();
        _memo.Keep(Request(), _buckets, 7, answer);

        Assert.Same(answer, _memo.Find(Request(), _buckets, 7));
    }

    [Fact]
    public void Find_AfterTheBucketsMovedOn_GivesNothing()
    {
        _memo.Keep(Request(), _buckets, 7, Answer());

        Assert.Null(_memo.Find(Request(), _buckets, 8));
        Assert.Null(_memo.Find(Request(), new object(), 7));
    }

    [Fact]
    public void Find_OfAnotherQuestion_GivesNothing()
    {
        _memo.Keep(Request(), _buckets, 7, Answer());

        Assert.Null(_memo.Find(Request() with { CounterKey = "reference#2" }, _buckets, 7));
        Assert.Null(_memo.Find(Request() with { Window = new TimeWindow(From, From.AddDays(6)) }, _buckets, 7));
        Assert.Null(_memo.Find(Request() with { Window = new TimeWindow(From.ToOffset(TimeSpan.FromHours(1)), From.AddDays(7)) }, _buckets, 7));
        Assert.Null(_memo.Find(Request() with { Policy = DriftPolicy.Default with { CategoricalThreshold = 0.2 } }, _buckets, 7));
        Assert.Null(_memo.Find(Request() with { Reference = Reference with { Counts = [2, 2] } }, _buckets, 7));
    }

    [Fact]
    public void Keep_AtANewRevision_DropsTheAnswersOfTheOldOne()
    {
        var week = Request() with { Window = new TimeWindow(From.AddDays(7), From.AddDays(14)) };
        _memo.Keep(week, _buckets, 7, Answer());

        _memo.Keep(Request(), _buckets, 8, Answer());

        Assert.Null(_memo.Find(week, _buckets, 8));
        Assert.NotNull(_memo.Find(Request(), _buckets, 8));
    }

    [Fact]
    public void Keep_PastItsCapacity_StartsOver()
    {
        for (var day = 0; day < DriftAnswerMemo.Capacity; day++)
        {
            _memo.Keep(Request() with { Window = new TimeWindow(From.AddDays(day), From.AddDays(day + 1)) }, _buckets, 7, Answer());
        }

        _memo.Keep(Request(), _buckets, 7, Answer());

        Assert.Null(_memo.Find(Request() with { Window = new TimeWindow(From, From.AddDays(1)) }, _buckets, 7));
        Assert.NotNull(_memo.Find(Request(), _buckets, 7));
    }

    [Fact]
    public void Clear_DropsEveryAnswer()
    {
        _memo.Keep(Request(), _buckets, 7, Answer());

        _memo.Clear();

        Assert.Null(_memo.Find(Request(), _buckets, 7));
    }

    private static ColumnDriftRequest Request() => new("reference#1", Reference, new TimeWindow(From, From.AddDays(7)), DriftPolicy.Default);

    private static ColumnDrift Answer() => new() { Name = "city", Type = FeatureType.Categorical, Measure = "jsDistance" };
}
