using OrleansEval.Sketches.Estimation;
using OrleansEval.Sketches.Serialization;
using OrleansEval.Sketches.Tests.Serialization;

namespace OrleansEval.Sketches.Tests.Estimation;

public class EstimationSerializationTests
{
    public static TheoryData<string> Kinds => ["map-identity", "map-isotonic", "state-empty", "state-exact", "state-grid"];

    public static TheoryData<string, string> GoldenFilesByKind => new()
    {
        { "map-identity", "calibration-map-identity.bin" },
        { "map-isotonic", "calibration-map-isotonic.bin" },
        { "state-exact", "cbpe-state-exact.bin" },
        { "state-grid", "cbpe-state-grid.bin" },
    };

    [Theory]
    [MemberData(nameof(GoldenFilesByKind))]
    public void Serialize_FixedInstance_MatchesGoldenFile(string kind, string fileName) =>
        GoldenFiles.AssertMatches(fileName, EstimationGolden.Serialize(kind));

    [Theory]
    [MemberData(nameof(GoldenFilesByKind))]
    public void Deserialize_GoldenFile_ReserializesToSameBytes(string kind, string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Golden", fileName);
        Assert.True(File.Exists(path), $"Golden file {fileName} is missing.");
        var bytes = File.ReadAllBytes(path);

        Assert.Equal(bytes, EstimationGolden.Reserialize(kind, bytes));
    }

    [Fact]
    public void GoldenStates_AreInTheirIntendedModes()
    {
        Assert.Null(EstimationGolden.ExactState().Resolution);
        Assert.NotNull(EstimationGolden.GridState().Resolution);
        Assert.False(EstimationGolden.IsotonicMap().IsIdentity);
    }

    [Fact]
    public void Deserialize_GridState_EstimatesLikeTheLiveState()
    {
        var live = EstimationGolden.GridState();
        var restored = CbpeState.Deserialize(live.Serialize(), EstimationGolden.IsotonicMap());

        Assert.Equal(live.Estimate(), restored.Estimate());
        Assert.Equal(live.Resolution, restored.Resolution);
        Assert.Equal(live.Threshold, restored.Threshold);
        Assert.Equal(live.MaxExactScores, restored.MaxExactScores);

        // The restored state keeps accumulating like the live one.
        live.Add(0.3);
        restored.Add(0.3);
        Assert.Equal(live.Serialize(), restored.Serialize());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Deserialize_EveryTruncation_ThrowsFormatException(string kind)
    {
        var bytes = EstimationGolden.Serialize(kind);
        for (var length = 0; length < bytes.Length; length++)
        {
            var truncated = bytes.AsSpan(0, length).ToArray();
            Assert.Throws<FormatException>(() => EstimationGolden.Reserialize(kind, truncated));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Deserialize_TrailingByte_ThrowsFormatException(string kind)
    {
        var bytes = EstimationGolden.Serialize(kind);
        Assert.Throws<FormatException>(() => EstimationGolden.Reserialize(kind, [.. bytes, 0]));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Deserialize_AnotherTypesTag_ThrowsFormatException(string kind)
    {
        var bytes = EstimationGolden.Serialize(kind);
        bytes[0] = bytes[0] == (byte)SketchKind.CbpeState ? (byte)SketchKind.CalibrationMap : (byte)SketchKind.CbpeState;
        var ex = Assert.Throws<FormatException>(() => EstimationGolden.Reserialize(kind, bytes));
        Assert.Contains("type tag", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Deserialize_UnknownVersion_ThrowsFormatException(string kind)
    {
        var bytes = EstimationGolden.Serialize(kind);
        foreach (var version in new byte[] { 0, 2, 255 })
        {
            bytes[1] = version;
            var ex = Assert.Throws<FormatException>(() => EstimationGolden.Reserialize(kind, bytes));
            Assert.Contains("version", ex.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Deserialize_RandomlyCorruptedBytes_ThrowsNothingButFormatException(string kind)
    {
        var original = EstimationGolden.Serialize(kind);
        var random = new DeterministicRandom(91);
        var rejected = 0;
        for (var trial = 0; trial < 500; trial++)
        {
            var bytes = (byte[])original.Clone();
            var flips = 1 + random.NextInt(3);
            for (var f = 0; f < flips; f++)
            {
                bytes[random.NextInt(bytes.Length)] ^= (byte)(1 + random.NextInt(255));
            }

            try
            {
                // Whatever is accepted must round-trip.
                var reread = EstimationGolden.Reserialize(kind, bytes);
                Assert.Equal(reread, EstimationGolden.Reserialize(kind, reread));
            }
            catch (FormatException)
            {
                rejected++;
            }
            catch (ArgumentException ex) when (ex.ParamName == "calibration")
            {
                // The fingerprint bytes were hit: the state names another calibration map.
                rejected++;
            }
        }

        Assert.True(rejected > 0);
    }

    [Fact]
    public void Deserialize_UnderAnotherCalibrationMap_ThrowsArgumentException()
    {
        var bytes = EstimationGolden.ExactState().Serialize();

        var ex = Assert.Throws<ArgumentException>(() => CbpeState.Deserialize(bytes, CalibrationMap.Identity));
        Assert.Equal("calibration", ex.ParamName);
    }

    [Fact]
    public void Deserialize_MapWithDecreasingKnots_ThrowsFormatException()
    {
        var bytes = CalibrationMap.FitIsotonic([0.1, 0.2, 0.3], [false, true, true]).Serialize();

        // Swap the first two knot scores (bytes 3..10 and 11..18).
        var swapped = bytes.ToArray();
        bytes.AsSpan(3, 8).CopyTo(swapped.AsSpan(11, 8));
        bytes.AsSpan(11, 8).CopyTo(swapped.AsSpan(3, 8));

        Assert.Throws<FormatException>(() => CalibrationMap.Deserialize(swapped));
    }
}
