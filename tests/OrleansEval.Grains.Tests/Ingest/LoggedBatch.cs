using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using OrleansEval.Grains.Ingest;
using OrleansEval.Grains.Models;
using OrleansEval.Grains.Slices;
using OrleansEval.Ingest;
using OrleansEval.Models;

namespace OrleansEval.Grains.Tests.Ingest;

/// <summary>
/// A batch planned as the ingest worker plans it and laid out as the ingest log writes it: a binary classifier of 15
/// numeric and 5 categorical features (six slice families), four join shards, the actual on every other record.
/// </summary>
internal static class LoggedBatch
{
    public const string ModelId = "logged";

    /// <summary>The serializer of the log's types, as the grain storage writes them.</summary>
    public static Serializer Serializer { get; } = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(ColumnChunk).Assembly).AddAssembly(typeof(IngestLogSegment).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    private static readonly DateTimeOffset Received = new(2025, 1, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Cities = ["Seattle", "Portland", "Boise", "Spokane", "Tacoma", "Eugene"];

    public static ModelSnapshot Snapshot { get; } = new(
        ModelId,
        new ModelDefinition
        {
            Task = ModelTask.BinaryClassification,
            Features =
            [
                .. Enumerable.Range(0, 15).Select(f => new FeatureDefinition($"number_{f}", FeatureType.Numeric)),
                .. Enumerable.Range(0, 5).Select(c => new FeatureDefinition($"category_{c}", FeatureType.Categorical)),
            ],
        },
        1,
        [],
        [],
        [],
        [],
        []);

    /// <summary>
    /// The plan of <paramref name="records"/> deterministic records, <paramref name="step"/> apart in time from midnight:
    /// an hour apart, each is a bucket of its own; 3.6 s apart, a thousand share one bucket, as a live batch's do.
    /// </summary>
    public static IngestLogEntry Entry(int records, TimeSpan step)
    {
        var columns = ModelColumns.For(Snapshot.Definition);
        var planner = new IngestPlanner(
            ModelId, Snapshot, new RecordValidator(Snapshot.Definition, columns), new SliceRouter(Snapshot, columns), Shard, Received);
        var (plan, answer) = planner.Records(new IngestBatch("records:logged", Records(records, step), []));
        return new IngestLogEntry("records:logged", "", plan, answer);
    }

    /// <summary>A segment of one entry, as the log writes it.</summary>
    public static IngestLogSegment Segment(IngestLogEntry entry) => new() { Number = 0, Entries = [new LoggedEntry(1, Received, entry)] };

    private static int Shard(string predictionId) => (int)(OrleansEval.Sketches.Categories.StableHash.Hash64(predictionId) % 4);

    /// <summary>
    /// <paramref name="count"/> deterministic records, <paramref name="step"/> apart in time from midnight, with
    /// prediction ids from <c>p-<paramref name="first"/></c> on.
    /// </summary>
    public static ImmutableArray<RecordInput> Records(int count, TimeSpan step, int first = 0)
    {
        var random = new Random(23 + first);
        return [.. Enumerable.Range(0, count).Select(r => new RecordInput
        {
            Index = r,
            PredictionId = string.Create(CultureInfo.InvariantCulture, $"p-{first + r}"),
            Timestamp = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero) + (step * r),
            Features = Enumerable.Range(0, 15).Select(f => KeyValuePair.Create($"number_{f}", FeatureValue.Of(Math.Round(random.NextDouble() * 100, 3))))
                .Concat(Enumerable.Range(0, 5).Select(c => KeyValuePair.Create($"category_{c}", FeatureValue.Of(Cities[random.Next(Cities.Length)]))))
                .ToImmutableDictionary(),
            Prediction = new PredictionInput(FeatureValue.Missing, FeatureValue.Of(Math.Round(random.NextDouble(), 4)), FeatureValue.Missing),
            Actual = r % 2 == 0 ? new ActualInput(FeatureValue.Of(random.Next(2) == 0 ? "0" : "1"), FeatureValue.Missing) : null,
        })];
    }
}
