using System.Buffers;
using System.Globalization;
using System.Text;
using OrleansEval.Gateway.Hosting;
using OrleansEval.Gateway.Records;

namespace OrleansEval.Gateway.Tests.Records;

/// <summary>
/// What the parser allocates is deterministic, so it is a test rather than a benchmark: a batch of 1,000 records of
/// twenty features (15 numbers, 5 categories, a score, the actual on half of them) may allocate at most 200 bytes a
/// record once the parser's buffers are warm.
/// </summary>
public sealed class RecordParserAllocationTests
{
    private const int Records = 1_000;
    private const long MaxBytesPerRecord = 200;

    private static readonly GatewayOptions Limits = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Parse_ThousandTwentyFeatureRecords_AllocatesAtMostTwoHundredBytesARecord(bool ndjson)
    {
        var body = new ReadOnlySequence<byte>(Body(ndjson));
        Assert.Equal(Records, ParseAndRelease(body));

        // The least of three runs: a one-time allocation by the runtime (a tier-up of the loop) is not the parser's.
        var least = long.MaxValue;
        for (var run = 0; run < 3; run++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var parsed = ParseAndRelease(body);
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(Records, parsed);
        }

        Assert.True(least <= MaxBytesPerRecord * Records, $"parsing allocated {least / Records} bytes a record");
    }

    private static int ParseAndRelease(ReadOnlySequence<byte> body)
    {
        var parsed = RecordParser.Parse(body, Limits);
        Assert.Null(parsed.Fault);
        Assert.Empty(parsed.Rejected);
        var count = parsed.Items.Count;
        Release(parsed);
        return count;
    }

    private static void Release<T>(T parsed)
    {
        // The pooled form gives its buffers back; the first form had none.
        (parsed as IDisposable)?.Dispose();
    }

    private static byte[] Body(bool ndjson)
    {
        var random = new Random(17);
        string[] cities = ["Seattle", "Portland", "Boise", "Spokane", "Tacoma", "Eugene"];
        var text = new StringBuilder(ndjson ? "" : "[");
        for (var r = 0; r < Records; r++)
        {
            if (r > 0 && !ndjson)
            {
                text.Append(',');
            }

            text.Append(CultureInfo.InvariantCulture, $"{{\"predictionId\":\"p-{r}\",\"timestamp\":\"2025-01-01T12:{r % 60:00}:00.250Z\",\"version\":\"v1\",\"features\":{{");
            for (var f = 0; f < 15; f++)
            {
                text.Append(CultureInfo.InvariantCulture, $"\"number_{f}\":{Math.Round(random.NextDouble() * 100, 4).ToString("R", CultureInfo.InvariantCulture)},");
            }

            for (var c = 0; c < 5; c++)
            {
                text.Append(CultureInfo.InvariantCulture, $"\"category_{c}\":\"{cities[random.Next(cities.Length)]}\"{(c < 4 ? "," : "")}");
            }

            text.Append(CultureInfo.InvariantCulture, $"}},\"prediction\":{{\"score\":{Math.Round(random.NextDouble(), 6).ToString("R", CultureInfo.InvariantCulture)}}}");
            text.Append(r % 2 == 0 ? ",\"actual\":{\"label\":\"1\"}}" : "}");
            text.Append(ndjson ? "\n" : "");
        }

        return Encoding.UTF8.GetBytes(text.Append(ndjson ? "" : "]").ToString());
    }
}
