using OrleansEval.Gateway.Drift;
using OrleansEval.Gateway.Queries;
using OrleansEval.Keys;

namespace OrleansEval.Gateway.Tests.Queries;

public sealed class DriftReadTests
{
    private static readonly DateTimeOffset Now = new(2013, 8, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly WindowFields NoWindow = new(null, null, null, null);

    [Fact]
    public void Parse_WithoutAWindow_ReadsTheDefaultSeriesOverTheLastDay()
    {
        var (read, failure) = DriftRead.Parse(new DriftFields("modelId", "wet", "training", NoWindow), Now);

        Assert.Null(failure);
        Assert.Equal("wet", read!.ModelId);
        Assert.Equal(new OrleansEval.Drift.DriftQuery("training", "default", "production", Now.AddDays(-1), Now), read.Query);
    }

    [Fact]
    public void Parse_WithWhereConditions_CarriesThemAndTheSlice()
    {
        var (read, failure) = DriftRead.Parse(new DriftFields("modelId", "wet", "training", NoWindow, "young", ["location = Seattle", "temp_max in [15, inf)"]), Now);

        Assert.Null(failure);
        Assert.True(read!.Query.IsSliced);
        Assert.Equal("young", read.Query.Slice);
        Assert.Equal(["location = Seattle", "temp_max in [15, inf)"], read.Query.Conditions.Select(c => c.ToString()));
    }

    [Fact]
    public void Parse_WithAMalformedSecondWhere_NamesItsIndex()
    {
        var (read, failure) = DriftRead.Parse(new DriftFields("modelId", "wet", "training", NoWindow, null, ["location = Seattle", "temp_max in [1"]), Now);

        Assert.Null(read);
        Assert.Equal(("where[1]", QueryFailureKind.Invalid), (failure!.Field, failure.Kind));
    }

    [Fact]
    public void Parse_WithSliceAll_IsTheUnslicedRead()
    {
        var (read, _) = DriftRead.Parse(new DriftFields("modelId", "wet", "training", NoWindow, "all", []), Now);

        Assert.False(read!.Query.IsSliced);
        Assert.Null(read.Query.Slice);
    }

    [Fact]
    public void Parse_WithAWindowInAnotherZone_ReadsItInUtc()
    {
        var window = new WindowFields("v1", "training", "2013-07-01T02:00:00+02:00", "2013-08-01T00:00:00Z");

        var (read, _) = DriftRead.Parse(new DriftFields("modelId", "wet", "training", window), Now);

        Assert.Equal(new DateTimeOffset(2013, 7, 1, 0, 0, 0, TimeSpan.Zero), read!.Query.From);
        Assert.Equal(TimeSpan.Zero, read.Query.From.Offset);
        Assert.Equal(("v1", "training"), (read.Query.Version, read.Query.Environment));
    }

    [Fact]
    public void Parse_BadModelIdAndNoBaseline_NamesTheModelIdAsTheProtocolCallsIt()
    {
        var (read, failure) = DriftRead.Parse(new DriftFields("model_id", "a/b", null, NoWindow), Now);

        Assert.Null(read);
        Assert.Equal(("model_id", QueryFailureKind.Invalid), (failure!.Field, failure.Kind));
        Assert.EndsWith(NameRules.ModelIdRule, failure.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Parse_WithoutABaseline_IsInvalidNamingTheBaseline(string? baseline)
    {
        var (_, failure) = DriftRead.Parse(new DriftFields("modelId", "wet", baseline, NoWindow), Now);

        Assert.Equal(QueryFailure.Invalid("baseline", "is required: the name of a frozen baseline"), failure);
    }

    [Fact]
    public void Parse_ABadBaselineBeforeABadWindow_NamesTheBaseline()
    {
        var (_, failure) = DriftRead.Parse(new DriftFields("modelId", "wet", "..", new WindowFields(null, null, "then", null)), Now);

        Assert.Equal("baseline", failure!.Field);
    }

    [Theory]
    [InlineData("version", "a b", null, null, null)]
    [InlineData("environment", null, "staging", null, null)]
    [InlineData("from", null, null, "2013-07-01", null)]
    [InlineData("to", null, null, null, "2013-07-01T00:00:00")]
    [InlineData("from", null, null, "2013-08-01T00:00:00Z", "2013-07-01T00:00:00Z")]
    public void Parse_ABrokenWindowField_IsInvalidNamingThatField(string field, string? version, string? environment, string? from, string? to)
    {
        var (read, failure) = DriftRead.Parse(new DriftFields("modelId", "wet", "training", new WindowFields(version, environment, from, to)), Now);

        Assert.Null(read);
        Assert.Equal(QueryFailureKind.Invalid, failure!.Kind);
        Assert.Equal(field, failure.Field);
    }
}
