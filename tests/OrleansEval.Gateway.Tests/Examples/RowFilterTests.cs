using System.Collections.Immutable;
using OrleansEval.Models;
using OrleansEval.Rows;
using OrleansEval.Slices;

namespace OrleansEval.Gateway.Tests.Examples;

public sealed class RowFilterTests
{
    private static readonly SeriesId Series = new("v1", "production");
    private static readonly DateTimeOffset Noon = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly RowBlock Block = Blocks.Of(
        Series,
        new Blocks.Row("a", Noon.AddMinutes(5), "SJU", 17, "A1", "1", 0.9, "1"),
        new Blocks.Row("b", Noon.AddMinutes(4), "SJU", 9, null, "0", 0.2, "1"),
        new Blocks.Row("c", Noon.AddMinutes(3), "PHX", 23, "B2", "1", 0.7, null),
        new Blocks.Row("d", Noon.AddMinutes(2), null, double.NaN, "A1", "0", 0.1, "0"));

    private static List<string> Ids(params string[] conditions)
    {
        var parsed = conditions.Select(c => Assert.IsType<SliceCondition>(Parse(c))).ToImmutableArray();
        return [.. new RowFilter(parsed).Rows(Block).Select(r => Block.PredictionIds[r])];
    }

    private static SliceCondition? Parse(string text)
    {
        Assert.True(SliceConditionParser.TryParse(text, out var condition, out var error), error);
        return condition;
    }

    [Fact]
    public void Rows_OfAnEquality_AreThoseWithThatCategory() =>
        Assert.Equal(["a", "b"], Ids("airport = SJU"));

    [Fact]
    public void Rows_OfAnInequality_IncludeMissingValues() =>
        Assert.Equal(["c", "d"], Ids("airport != SJU"));

    [Fact]
    public void Rows_OfAnOpenEndedBin_AreThoseAtOrAboveItsLowerBound_AndNeverAMissingNumber() =>
        Assert.Equal(["a", "c"], Ids("hour in [17, inf)"));

    [Fact]
    public void Rows_OfABinClosedOnTheLeft_ExcludeItsUpperBound() =>
        Assert.Equal(["b"], Ids("hour in [-inf, 17)"));

    [Fact]
    public void Rows_OfAConjunction_MeetEveryCondition() =>
        Assert.Equal(["a"], Ids("airport = SJU", "hour in [17, inf)"));

    [Fact]
    public void Rows_OfATagCondition_ReadTheTagColumn() =>
        Assert.Equal(["a", "d"], Ids("gate = A1"));

    [Fact]
    public void Rows_OfATagNoRowOfTheBlockCarries_AreMissingInEveryRow()
    {
        var untagged = Blocks.Of(Series, new Blocks.Row("x", Noon, "SJU", 1, null, "1", 0.9, "1"));
        var equal = new RowFilter([SliceCondition.EqualTo("gate", "A1")]);
        var differ = new RowFilter([new SliceCondition("gate", SliceOperator.NotEquals, "A1", 0, 0)]);

        Assert.Empty(equal.Rows(untagged));
        Assert.Equal([0], differ.Rows(untagged));
    }

    [Fact]
    public void Rows_OfNoCondition_AreEveryRow() =>
        Assert.Equal(["a", "b", "c", "d"], Ids());

    [Theory]
    [InlineData("carrier = AA", "'carrier' is not a feature or tag of this model")]
    [InlineData("airport in [1, 2)", "'airport' is categorical: use = or !=")]
    [InlineData("hour = 17", "'hour' is numeric: use 'in [lower, upper)'")]
    public void Check_OfAConditionTheModelCannotTest_NamesTheRule(string text, string rule) =>
        Assert.Equal(rule, RowFilter.Check(Parse(text)!, Blocks.Model));

    [Fact]
    public void Check_OfFeatureAndTagConditions_Passes()
    {
        Assert.Null(RowFilter.Check(Parse("airport = SJU")!, Blocks.Model));
        Assert.Null(RowFilter.Check(Parse("gate != A1")!, Blocks.Model));
        Assert.Null(RowFilter.Check(Parse("hour in [17, inf)")!, Blocks.Model));
    }
}
