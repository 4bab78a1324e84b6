using OrleansEval.Gateway.Performance;
using OrleansEval.Gateway.Queries;

namespace OrleansEval.Gateway.Tests.Queries;

public sealed class PerformanceReadTests
{
    private static readonly DateTimeOffset Now = new(2013, 8, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly WindowFields NoWindow = new(null, null, null, null);

    private static (PerformanceRead? Read, QueryFailure? Failure) Parse(string slice, string? granularity) =>
        PerformanceRead.Parse(new PerformanceFields("modelId", "wet", slice, granularity, NoWindow), Now);

    [Theory]
    [InlineData("month")]
    [InlineData("1mo")]
    public void Parse_MonthlyGranularity_IsMonthlyWithoutAStep(string granularity)
    {
        var query = Parse("all", granularity).Read!.Query;

        Assert.True(query.Monthly);
        Assert.Null(query.Granularity);
    }

    [Fact]
    public void Parse_ADurationGranularity_IsThatStep()
    {
        var query = Parse("rainy", "1d").Read!.Query;

        Assert.Equal(TimeSpan.FromDays(1), query.Granularity);
        Assert.False(query.Monthly);
        Assert.Equal("rainy", query.Slice);
        Assert.Equal((Now.AddDays(-1), Now), (query.From, query.To));
    }

    [Fact]
    public void Parse_NoGranularity_IsTheWindowAlone()
    {
        var query = Parse("all", null).Read!.Query;

        Assert.Null(query.Granularity);
        Assert.False(query.Monthly);
    }

    [Fact]
    public void Parse_AnUnreadableGranularity_IsInvalidNamingIt()
    {
        var (read, failure) = Parse("all", "weekly");

        Assert.Null(read);
        Assert.Equal(QueryFailure.Invalid("granularity", "must be a duration such as 1h or 1d, or 'month'"), failure);
    }

    [Fact]
    public void Parse_ABadSliceBeforeABadGranularity_NamesTheSlice()
    {
        var (_, failure) = Parse("", "weekly");

        Assert.Equal(QueryFailureKind.Invalid, failure!.Kind);
        Assert.Equal("slice", failure.Field);
    }
}
