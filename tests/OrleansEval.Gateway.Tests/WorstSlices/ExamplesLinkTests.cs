using OrleansEval.WorstSlices;

namespace OrleansEval.Gateway.Tests.WorstSlices;

/// <summary>The examples link of a slice: every condition a where=, each value URL-encoded, the series only when named.</summary>
public sealed class ExamplesLinkTests
{
    private static readonly DateTimeOffset From = new(2024, 5, 1, 10, 0, 0, TimeSpan.FromHours(2));
    private static readonly DateTimeOffset To = new(2024, 5, 2, 8, 0, 0, 250, TimeSpan.Zero);

    [Fact]
    public void For_AConjunctionWithASeries_EncodesEveryValueAndKeepsTheSeries()
    {
        var link = ExamplesLink.For("flights", ["origin = SJU", "hour in [17, inf)"], From, To, "v1", "production");

        Assert.Equal(
            "/v1/models/flights/examples?where=origin%20%3D%20SJU&where=hour%20in%20%5B17%2C%20inf%29&version=v1&environment=production&from=2024-05-01T08%3A00%3A00Z&to=2024-05-02T08%3A00%3A00.25Z",
            link);
    }

    [Fact]
    public void For_WithoutASeries_NamesOnlyTheConditionsAndWindow()
    {
        var link = ExamplesLink.For("m", ["tier = a&b"], From, To, null, null);

        Assert.Equal("/v1/models/m/examples?where=tier%20%3D%20a%26b&from=2024-05-01T08%3A00%3A00Z&to=2024-05-02T08%3A00%3A00.25Z", link);
    }
}
