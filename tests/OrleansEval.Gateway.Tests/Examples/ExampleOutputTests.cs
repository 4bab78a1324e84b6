using System.Text;
using System.Text.Json;
using OrleansEval.Gateway.Examples;
using OrleansEval.Models;
using OrleansEval.Rows;
using OrleansEval.Slices;
using Parquet;
using Parquet.Schema;

namespace OrleansEval.Gateway.Tests.Examples;

public sealed class ExampleOutputTests
{
    private static readonly SeriesId Production = new("v1", "production");
    private static readonly SeriesId Shadow = new("v2", "shadow");
    private static readonly DateTimeOffset May2 = new(2024, 5, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset May1 = May2.AddDays(-1);

    // Day 2 has a block of each series with interleaved times; day 1 one block.
    private static readonly RowBlock[] TwoDays =
    [
        Blocks.Of(Production, new Blocks.Row("p3", May2.AddHours(3), "SJU", 17, "A1", "1", 0.9, "1"), new Blocks.Row("p1", May2.AddHours(1), "SJU", 9, null, "0", 0.2, "1")),
        Blocks.Of(Shadow, new Blocks.Row("s4", May2.AddHours(4), "PHX", 23, null, "1", 0.7, null), new Blocks.Row("s2", May2.AddHours(2), "S,J\"U", 18, "B2", "0", 0.4, "0")),
        Blocks.Of(Production, new Blocks.Row("p0", May1.AddHours(20), "SJU", 20, null, "1", 0.6, "0")),
    ];

    private static ExampleQuery Query(ExampleFormat format = ExampleFormat.Ndjson, RowFilter? slice = null, bool? labelled = null, bool? misclassified = null) =>
        new(Blocks.Snapshot, new RowQuery("flights", null, null, May1, May2.AddDays(1)), slice ?? RowFilter.Everything, labelled, misclassified, null, null, format);

    private static async Task<(byte[] Body, ExampleTally Tally)> RunAsync(ExampleQuery query, params RowBlock[] blocks)
    {
        var tally = new ExampleTally();
        using var body = new MemoryStream();
        var columns = new ExampleColumns(query.Model.Definition);
        await using (IExampleWriter writer = query.Format switch
        {
            ExampleFormat.Csv => new CsvExampleWriter(body, columns, query.Model.Definition),
            ExampleFormat.Parquet => new ParquetExampleWriter(body, columns, query.Model.Definition),
            _ => new NdjsonExampleWriter(body, columns),
        })
        {
            await foreach (var row in NewestFirst.MergeAsync(Blocks.Stream(blocks), new ExampleSelection(query), tally, CancellationToken.None))
            {
                await writer.WriteAsync(row, CancellationToken.None);
                tally.Rows++;
            }

            await writer.CompleteAsync(tally, CancellationToken.None);
        }

        return (body.ToArray(), tally);
    }

    private static string[] Lines(byte[] body) => Encoding.UTF8.GetString(body).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static List<string> Ids(byte[] ndjson) =>
        [.. Lines(ndjson).Select(l => JsonDocument.Parse(l).RootElement).Where(r => r.TryGetProperty("predictionId", out _)).Select(r => r.GetProperty("predictionId").GetString()!)];

    [Fact]
    public async Task Ndjson_OfTwoSeriesOverTwoDays_IsNewestFirstAcrossSeries_AndEndsWithTheSummary()
    {
        var (body, tally) = await RunAsync(Query(), TwoDays);

        Assert.Equal(["s4", "p3", "s2", "p1", "p0"], Ids(body));
        Assert.Equal("""{"rows":5,"sampled":false}""", Lines(body)[^1]);
        Assert.True(tally.ReadToEnd);
    }

    [Fact]
    public async Task Ndjson_Row_IsTheRecordAsTheRecordsEndpointTakesIt_WithItsActual_OrWithoutOneWhenNoneIsKnown()
    {
        var (body, _) = await RunAsync(Query(), TwoDays);
        var lines = Lines(body);

        Assert.Equal(
            """{"predictionId":"p3","timestamp":"2024-05-02T03:00:00Z","version":"v1","environment":"production","features":{"airport":"SJU","hour":17},"tags":{"gate":"A1"},"prediction":{"label":"1","score":0.9},"actual":{"label":"1"}}""",
            lines[1]);
        Assert.Equal(
            """{"predictionId":"s4","timestamp":"2024-05-02T04:00:00Z","version":"v2","environment":"shadow","features":{"airport":"PHX","hour":23},"tags":{},"prediction":{"label":"1","score":0.7}}""",
            lines[0]);
    }

    [Fact]
    public async Task Selection_Misclassified_KeepsLabelledRowsWhosePredictionDiffersFromTheActual()
    {
        var (wrong, _) = await RunAsync(Query(misclassified: true), TwoDays);
        var (right, _) = await RunAsync(Query(misclassified: false), TwoDays);

        Assert.Equal(["p1", "p0"], Ids(wrong));
        Assert.Equal(["p3", "s2"], Ids(right));
    }

    [Fact]
    public async Task Selection_Labelled_SplitsRowsByWhetherAnActualIsKnown()
    {
        var (unlabelled, _) = await RunAsync(Query(labelled: false), TwoDays);
        var (labelled, _) = await RunAsync(Query(labelled: true), TwoDays);

        Assert.Equal(["s4"], Ids(unlabelled));
        Assert.Equal(["p3", "s2", "p1", "p0"], Ids(labelled));
    }

    [Fact]
    public async Task Selection_OfASlice_KeepsOnlyItsRows_AndASampledDaySaysSo()
    {
        var sampled = Blocks.Of(Production, sampled: true, new Blocks.Row("old", May1.AddHours(1), "SJU", 18, null, "1", 0.8, "1"));
        var slice = new RowFilter([SliceCondition.EqualTo("airport", "SJU"), SliceCondition.InRange("hour", 17, double.PositiveInfinity)]);

        var (body, tally) = await RunAsync(Query(slice: slice), [.. TwoDays, sampled]);

        Assert.Equal(["p3", "p0", "old"], Ids(body));
        Assert.True(tally.Sampled);
        Assert.Equal("""{"rows":3,"sampled":true}""", Lines(body)[^1]);
    }

    [Fact]
    public async Task Csv_HasAHeaderOfFlatColumns_QuotesWhatNeedsIt_AndEndsWithTheSummaryComment()
    {
        var (body, _) = await RunAsync(Query(ExampleFormat.Csv), TwoDays);
        var lines = Encoding.UTF8.GetString(body).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("predictionId,timestamp,version,environment,feature.airport,feature.hour,tag.gate,prediction.label,prediction.score,actual.label", lines[0]);
        Assert.Equal("s4,2024-05-02T04:00:00Z,v2,shadow,PHX,23,,1,0.7,", lines[1]);
        Assert.Equal("s2,2024-05-02T02:00:00Z,v2,shadow,\"S,J\"\"U\",18,B2,0,0.4,0", lines[3]);
        Assert.Equal(["s2", "2024-05-02T02:00:00Z", "v2", "shadow", "S,J\"U", "18", "B2", "0", "0.4", "0"], ParseCsvLine(lines[3]));
        Assert.Equal("# rows=5 sampled=false", lines[^1]);
        Assert.Equal(7, lines.Length);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "\"\"")]
    [InlineData("#hash", "\"#hash\"")]
    [InlineData(" padded", "\" padded\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    public void Csv_Quote_FollowsRfc4180(string field, string written) =>
        Assert.Equal(written, CsvExampleWriter.Quote(field));

    [Fact]
    public async Task Parquet_ReadBack_HasEveryRowInOrder_InRowGroupsOfAFewThousand_AndTheSummaryInItsFooter()
    {
        var rows = Enumerable.Range(0, ParquetExampleWriter.RowGroupRows + 1200)
            .Select(i => new Blocks.Row($"r{i:D5}", May2.AddSeconds(i), i % 2 == 0 ? "SJU" : null, i, null, "1", 0.5, i % 3 == 0 ? null : "0"))
            .ToArray();

        var (body, _) = await RunAsync(Query(ExampleFormat.Parquet), Blocks.Of(Production, rows));

        using var file = new MemoryStream(body);
        await using var reader = await ParquetReader.CreateAsync(file);
        Assert.Equal(2, reader.RowGroupCount);
        Assert.Equal(rows.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), reader.CustomMetadata["orleanseval.rows"]);
        Assert.Equal("false", reader.CustomMetadata["orleanseval.sampled"]);
        var fields = reader.Schema.GetDataFields();
        Assert.Equal(
            ["predictionId", "timestamp", "version", "environment", "feature.airport", "feature.hour", "tag.gate", "prediction.label", "prediction.score", "actual.label"],
            fields.Select(f => f.Name));
        using var group = reader.OpenRowGroupReader(0);
        Assert.Equal(ParquetExampleWriter.RowGroupRows, group.RowCount);
        var ids = new string?[group.RowCount];
        var airports = new string?[group.RowCount];
        var hours = new double?[group.RowCount];
        var actuals = new string?[group.RowCount];
        await group.ReadAsync(Field(fields, "predictionId"), ids.AsMemory(), null);
        await group.ReadAsync(Field(fields, "feature.airport"), airports.AsMemory(), null);
        await group.ReadAsync<double>(Field(fields, "feature.hour"), hours.AsMemory(), null);
        await group.ReadAsync(Field(fields, "actual.label"), actuals.AsMemory(), null);
        var newest = rows.Length - 1;
        Assert.Equal($"r{newest:D5}", ids[0]);
        Assert.Equal(newest % 2 == 0 ? "SJU" : null, airports[0]);
        Assert.Equal(newest, hours[0]);
        Assert.Equal(newest % 3 == 0 ? null : "0", actuals[0]);
        Assert.Equal($"r{newest - 1:D5}", ids[1]);
    }

    [Fact]
    public async Task Parquet_OfNoRows_IsAFileWithTheSchemaAndNoRowGroup()
    {
        var (body, _) = await RunAsync(Query(ExampleFormat.Parquet));

        using var file = new MemoryStream(body);
        await using var reader = await ParquetReader.CreateAsync(file);
        Assert.Equal(0, reader.RowGroupCount);
        Assert.Equal("0", reader.CustomMetadata["orleanseval.rows"]);
    }

    private static DataField Field(DataField[] fields, string name) => fields.Single(f => f.Name == name);

    // An RFC 4180 reader for one line: quoted fields with doubled quotes.
    private static List<string> ParseCsvLine(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
