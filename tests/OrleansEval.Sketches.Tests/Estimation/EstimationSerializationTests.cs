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
    public void Deserialize_EveryTruncation_ThrowsFormatException(string kind) =>
        CorruptBytes.EveryTruncationThrows(EstimationGolden.Serialize(kind), bytes => EstimationGolden.Reserialize(kind, bytes));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Deserialize_TrailingByte_ThrowsFormatException(string kind) =>
        CorruptBytes.TrailingByteThrows(EstimationGolden.Serialize(kind), bytes => EstimationGolden.Reserialize(kind, bytes));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Deserialize_AnotherTypesTag_ThrowsFormatException(string kind) =>
        CorruptBytes.AnotherTagThrows(EstimationGolden.Serialize(kind), bytes => EstimationGolden.Reserialize(kind, bytes), SketchKind.CbpeState, SketchKind.CalibrationMap);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Deserialize_UnknownVersion_ThrowsFormatException(string kind) =>
        CorruptBytes.UnknownVersionThrows(EstimationGolden.Serialize(kind), bytes => EstimationGolden.Reserialize(kind, bytes));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Deserialize_RandomlyCorruptedBytes_ThrowsNothingButFormatException(string kind)
    {
        var rejected = CorruptBytes.RandomCorruption(EstimationGolden.Serialize(kind), bytes => EstimationGolden.Reserialize(kind, bytes), 91,
            // The fingerprint bytes were hit: the state names another calibration map.
            e => e is ArgumentException { ParamName: "calibration" });

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
