using System.Text;
using OrleansEval.Gateway.Examples;
using OrleansEval.Models;
using OrleansEval.Rows;

namespace OrleansEval.Gateway.Tests.Examples;

public sealed class RegressorExampleTests
{
    private static readonly ModelDefinition Model = new()
    {
        Task = ModelTask.Regression,
        Features = [new FeatureDefinition("x", FeatureType.Numeric)],
    };

    private static readonly DateTimeOffset Noon = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    // Errors 0.5, 2 and none known.
    private static readonly RowBlock Block = new()
    {
        Series = new SeriesId("v1", "production"),
        PredictionIds = ["near", "far", "open"],
        Timestamps = [Noon.AddMinutes(3), Noon.AddMinutes(2), Noon.AddMinutes(1)],
        Revisions = [1, 1, 1],
        Features = [new RowColumn("x", [1.5, 2, double.NaN], [])],
        Tags = [],
        PredictedLabels = [null, null, null],
        Scores = [double.NaN, double.NaN, double.NaN],
        PredictedValues = [2.5, 4, 7],
        ActualValues = [3, 2, double.NaN],
        ActualLabels = [null, null, null],
    };

    private static async Task<string[]> LinesAsync(ExampleFormat format, bool? misclassified, double? minError)
    {
        var query = new ExampleQuery(new ModelSnapshot("r", Model, 1, [], [], [], [], []), new RowQuery("r", null, null, Noon, Noon.AddDays(1)), RowFilter.Everything, null, misclassified, minError, null, format);
        using var body = new MemoryStream();
        var tally = new ExampleTally();
        var columns = new ExampleColumns(Model);
        await using (IExampleWriter writer = format == ExampleFormat.Csv ? new CsvExampleWriter(body, columns, Model) : new NdjsonExampleWriter(body, columns))
        {
            await foreach (var row in NewestFirst.MergeAsync(Blocks.Stream(Block), new ExampleSelection(query), tally, CancellationToken.None))
            {
                await writer.WriteAsync(row, CancellationToken.None);
                tally.Rows++;
            }

            await writer.CompleteAsync(tally, CancellationToken.None);
        }

        return Encoding.UTF8.GetString(body.ToArray()).Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public async Task Ndjson_OfARegressor_WritesPredictedAndActualValues_AndLeavesOutWhatIsMissing()
    {
        var lines = await LinesAsync(ExampleFormat.Ndjson, null, null);

        Assert.Equal("""{"predictionId":"near","timestamp":"2024-05-01T12:03:00Z","version":"v1","environment":"production","features":{"x":1.5},"tags":{},"prediction":{"value":2.5},"actual":{"value":3}}""", lines[0]);
        Assert.Equal("""{"predictionId":"open","timestamp":"2024-05-01T12:01:00Z","version":"v1","environment":"production","features":{},"tags":{},"prediction":{"value":7}}""", lines[2]);
    }

    [Fact]
    public async Task Misclassified_OfARegressor_KeepsLabelledRowsWhoseAbsoluteErrorExceedsMinError()
    {
        var above = await LinesAsync(ExampleFormat.Csv, true, 1);
        var within = await LinesAsync(ExampleFormat.Csv, false, 1);

        Assert.Equal("predictionId,timestamp,version,environment,feature.x,prediction.value,actual.value", above[0]);
        Assert.Equal(["far,2024-05-01T12:02:00Z,v1,production,2,4,2", "# rows=1 sampled=false"], above[1..]);
        Assert.Equal(["near,2024-05-01T12:03:00Z,v1,production,1.5,2.5,3", "# rows=1 sampled=false"], within[1..]);
    }
}
