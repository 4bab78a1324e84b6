using System.Buffers;
using System.Text;
using OrleansEval.Gateway.Hosting;
using OrleansEval.Gateway.Records;
using OrleansEval.Ingest;

namespace OrleansEval.Gateway.Tests.Records;

public sealed class RecordParserTests
{
    private static readonly GatewayOptions Limits = new() { MaxRecordsPerRequest = 5, MaxStringLength = 32 };

    private static ParsedRecords Parse(string body) => RecordParser.Parse(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(body)), Limits);

    private const string Good = """{"predictionId": "a", "timestamp": "2013-01-01T00:00:00Z", "features": {"temp_max": 5.0, "location": "Seattle", "rain": true, "gone": null}, "prediction": {"label": "0", "score": 0.44}, "actual": {"label": 1}}""";

    [Fact]
    public void Parse_JsonArray_ReadsEveryField()
    {
        var batch = Parse($"[{Good}]");

        Assert.Null(batch.Fault);
        var record = Assert.Single(batch.Items);
        Assert.Equal("a", record.PredictionId);
        Assert.Equal(new DateTimeOffset(2013, 1, 1, 0, 0, 0, TimeSpan.Zero), record.Timestamp);
        Assert.Equal(FeatureValue.Of(5.0), record.Features["temp_max"]);
        Assert.Equal("Seattle", record.Features["location"].AsCategory());
        Assert.Equal("true", record.Features["rain"].AsCategory());
        Assert.Equal(FeatureValueKind.Missing, record.Features["gone"].Kind);
        Assert.Equal(0.44, record.Prediction!.Score.Number);
        Assert.Equal("1", record.Actual!.Label.AsCategory());
    }

    [Fact]
    public void Parse_Ndjson_ReadsOneRecordPerLineAndSkipsBlankLines()
    {
        var batch = Parse($"{Good}\n\n{Good.Replace("\"a\"", "\"b\"", StringComparison.Ordinal)}\r\n");

        Assert.Null(batch.Fault);
        Assert.Equal(["a", "b"], batch.Items.Select(r => r.PredictionId));
        Assert.Equal([0, 1], batch.Items.Select(r => r.Index));
    }

    [Theory]
    [InlineData("""{"timestamp": "2013-01-01T00:00:00Z"}""", "predictionId: is required")]
    [InlineData("""{"predictionId": "x"}""", "timestamp: is required")]
    [InlineData("""{"predictionId": "x", "timestamp": "yesterday"}""", "timestamp: 'yesterday' must be an RFC 3339 date and time with a time zone")]
    [InlineData("""{"predictionId": "x", "timestamp": "2024-05-01"}""", "timestamp: '2024-05-01' must be an RFC 3339")]
    [InlineData("""{"predictionId": "x", "timestamp": "May 1 2024"}""", "timestamp: 'May 1 2024' must be an RFC 3339")]
    [InlineData("""{"predictionId": "x", "timestamp": "2024-05-01T10:00:00Z\n"}""", "timestamp: '2024-05-01T10:00:00Z\\u000a' must be an RFC 3339")]
    [InlineData("""{"predictionId": "x", "timestamp": "2024-05-01T10:00:00"}""", "timestamp: '2024-05-01T10:00:00' must be an RFC 3339")]
    [InlineData("""{"predictionId": "x", "timestamp": "2024-05-01 10:00:00Z"}""", "timestamp: '2024-05-01 10:00:00Z' must be an RFC 3339")]
    [InlineData("""{"predictionId": "x", "timestamp": "2024-02-30T10:00:00Z"}""", "timestamp: '2024-02-30T10:00:00Z' must be an RFC 3339")]
    [InlineData("""{"predictionId": "x", "timestamp": "2024-05-01T10:00:00+15:00"}""", "timestamp: '2024-05-01T10:00:00+15:00' must be an RFC 3339")]
    [InlineData("""{"predictionId": "x", "predictionId": "y", "timestamp": "2013-01-01T00:00:00Z"}""", "predictionId: appears twice")]
    [InlineData("""{"predictionId": "x", "timestamp": "2013-01-01T00:00:00Z", "prediction": {"label": "0", "label": "1"}}""", "prediction.label: appears twice")]
    [InlineData("""{"predictionId": "x", "timestamp": "2013-01-01T00:00:00Z", "features": {"a/b": 1}}""", "features: 'a/b' must be 1 to 128 characters")]
    [InlineData("""{"predictionId": "x", "timestamp": "2013-01-01T00:00:00Z", "tags": {"..": 1}}""", "tags: '..' must be 1 to 128 characters")]
    [InlineData("""{"predictionId": "x", "timestamp": "2013-01-01T00:00:00Z", "features": [1]}""", "features: must be a JSON object")]
    [InlineData("""{"predictionId": "x", "timestamp": "2013-01-01T00:00:00Z", "feature": {}}""", "feature: is not a record field")]
    [InlineData("""{"predictionId": "x", "timestamp": "2013-01-01T00:00:00Z", "prediction": {"probability": 1}}""", "prediction.probability: is not a field")]
    [InlineData("""{"predictionId": "x", "timestamp": "2013-01-01T00:00:00Z", "features": {"c": "0123456789012345678901234567890123456789"}}""", "features.c: must be at most 32 characters")]
    [InlineData("""{"predictionId": "x", "timestamp": "2013-01-01T00:00:00Z", "features": {"a": 1, "a": 2}}""", "features.a: appears twice")]
    [InlineData("""[1, 2]""", "record: must be a JSON object")]
    public void Parse_BadRecord_IsRejectedAloneWithItsIndexAndTheField(string bad, string error)
    {
        var batch = Parse($"[{Good}, {bad}, {Good}]");

        Assert.Null(batch.Fault);
        Assert.Equal(2, batch.Items.Count);
        var rejection = Assert.Single(batch.Rejected);
        Assert.Equal(1, rejection.Index);
        Assert.StartsWith(error, rejection.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024-05-01T10:00:00Z", "2024-05-01T10:00:00+00:00")]
    [InlineData("2024-05-01T12:00:00+02:00", "2024-05-01T10:00:00+00:00")]
    [InlineData("2024-05-01T10:00:00.25Z", "2024-05-01T10:00:00.2500000+00:00")]
    [InlineData("2024-05-01T10:00:00.123456789Z", "2024-05-01T10:00:00.1234567+00:00")]
    [InlineData("2024-05-01T10:00:00-01:30", "2024-05-01T11:30:00+00:00")]
    public void Parse_Rfc3339Timestamp_IsReadToTheInstant(string text, string instant)
    {
        var batch = Parse($$"""[{"predictionId": "x", "timestamp": "{{text}}"}]""");

        Assert.Equal(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), Assert.Single(batch.Items).Timestamp);
    }

    [Fact]
    public void Parse_HugeFieldName_IsQuotedToAHundredCharacters()
    {
        var name = new string('n', 1_000_000);
        var batch = Parse($$"""[{"predictionId": "x", "timestamp": "2013-01-01T00:00:00Z", "{{name}}": 1}]""");

        var error = Assert.Single(batch.Rejected).Error;
        Assert.StartsWith(new string('n', 100) + "…: is not a record field", error, StringComparison.Ordinal);
        Assert.True(error.Length < 300);
    }

    [Fact]
    public void Parse_NumberTooLargeForADouble_IsKeptAsNonFiniteForTheSchemaCheck()
    {
        var batch = Parse("""[{"predictionId": "x", "timestamp": "2013-01-01T00:00:00Z", "features": {"t": 1e400}}]""");

        Assert.Equal(FeatureValueKind.NonFinite, Assert.Single(batch.Items).Features["t"].Kind);
    }

    [Theory]
    [InlineData("[{\"predictionId\": \"x\",", "malformed JSON")]
    [InlineData("{\"predictionId\": \"x\"}\n{oops}", "malformed JSON on line 2")]
    [InlineData("", "is empty")]
    [InlineData("[{\"predictionId\": \"x\", \"timestamp\": \"2013-01-01T00:00:00Z\", \"features\": {\"c\": \"\\ud800\"}}]", "not valid UTF-16")]
    [InlineData("[] []", "malformed JSON at line 1, byte 4")]
    public void Parse_MalformedBody_IsAFaultNamingThePosition(string body, string fault)
    {
        var batch = Parse(body);

        Assert.NotNull(batch.Fault);
        Assert.Contains(fault, batch.Fault, StringComparison.Ordinal);
        Assert.StartsWith("body:", batch.Fault, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MoreRecordsThanTheLimit_IsAFault()
    {
        var batch = Parse($"[{string.Join(',', Enumerable.Repeat(Good, 6))}]");

        Assert.Contains("too many items", batch.Fault, StringComparison.Ordinal);
    }
}
