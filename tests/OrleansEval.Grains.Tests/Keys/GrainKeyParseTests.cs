using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Tests.Keys;

public sealed class GrainKeyParseTests
{
    private static readonly SeriesId Series = new("v1", "production");

    [Fact]
    public void FeatureKeyParse_OfTheKeyItBuilt_GivesItsParts() =>
        Assert.Equal(FeatureKey.For("churn", Series, "temp_max"), FeatureKey.Parse(FeatureKey.For("churn", Series, "temp_max").ToString()));

    [Fact]
    public void SliceGrainKeyParse_OfTheKeyItBuilt_GivesItsParts() =>
        Assert.Equal(("churn", Series, "location"), SliceGrainKey.Parse(SliceGrainKey.For("churn", Series, "location")));

    [Fact]
    public void LabelJoinKeyParse_OfTheKeyItBuilt_GivesItsParts() =>
        Assert.Equal(("churn", 12), LabelJoinKey.Parse(LabelJoinKey.For("churn", 12)));

    [Theory]
    [InlineData("churn/v1/production")]
    [InlineData("churn/v1/production/location/extra")]
    [InlineData("churn//production/location")]
    public void SliceGrainKeyParse_OfAKeyWithoutFourParts_ThrowsAFormatException(string key) =>
        Assert.Throws<FormatException>(() => SliceGrainKey.Parse(key));

    [Theory]
    [InlineData("churn")]
    [InlineData("churn/-1")]
    [InlineData("churn/one")]
    [InlineData("/3")]
    [InlineData("churn/v1/3")]
    public void LabelJoinKeyParse_OfAKeyThatIsNotModelAndShard_ThrowsAFormatException(string key) =>
        Assert.Throws<FormatException>(() => LabelJoinKey.Parse(key));

    [Fact]
    public void RowGrainKeyParse_OfTheKeysItBuilt_GivesTheSeriesOrTheActuals()
    {
        Assert.Equal(RowGrainKey.For("churn", Series), RowGrainKey.Parse("churn/v1/production"));
        Assert.True(RowGrainKey.Parse(RowGrainKey.Actuals("churn").ToString()).IsActuals);
        Assert.Equal("churn/@actuals", RowGrainKey.Actuals("churn").ToString());
    }

    [Theory]
    [InlineData("churn")]
    [InlineData("churn/v1")]
    [InlineData("churn/@actuals/production")]
    [InlineData("churn/v1/production/x")]
    [InlineData("churn//production")]
    public void RowGrainKeyParse_OfAKeyThatIsNeitherASeriesNorTheActuals_ThrowsAFormatException(string key) =>
        Assert.Throws<FormatException>(() => RowGrainKey.Parse(key));

    [Fact]
    public void IngestLogKeyParse_OfTheKeyItBuilt_GivesItsParts() =>
        Assert.Equal(("churn", 3), IngestLogKey.Parse(IngestLogKey.For("churn", 3)));

    [Theory]
    [InlineData("churn")]
    [InlineData("churn/-1")]
    [InlineData("churn/v1/0")]
    public void IngestLogKeyParse_OfAKeyThatIsNotModelAndPartition_ThrowsAFormatException(string key) =>
        Assert.Throws<FormatException>(() => IngestLogKey.Parse(key));
}
