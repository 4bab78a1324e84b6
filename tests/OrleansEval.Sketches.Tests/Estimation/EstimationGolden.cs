using OrleansEval.Sketches.Estimation;
using OrleansEval.Sketches.Tests.Serialization;

namespace OrleansEval.Sketches.Tests.Estimation;

/// <summary>
/// Fixed calibration maps and CBPE states built from integer-derived inputs only, so their bytes are the same everywhere.
/// </summary>
internal static class EstimationGolden
{
    public static CalibrationMap IsotonicMap()
    {
        var random = new DeterministicRandom(81);
        var scores = new double[400];
        var actuals = new bool[400];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = random.NextInt(100) / 100.0;
            actuals[i] = random.NextInt(100) < (scores[i] * 80) + 10;
        }

        return CalibrationMap.FitIsotonic(scores, actuals);
    }

    public static CbpeState ExactState()
    {
        var random = new DeterministicRandom(82);
        var state = new CbpeState(IsotonicMap());
        for (var i = 0; i < 300; i++)
        {
            state.Add(random.NextInt(64) / 64.0);
        }

        return state;
    }

    public static CbpeState GridState()
    {
        var random = new DeterministicRandom(83);
        var state = new CbpeState(IsotonicMap(), 0.4, maxExactScores: 24);
        for (var i = 0; i < 1000; i++)
        {
            state.Add(random.NextInt(1 << 20) / (double)(1 << 20));
        }

        return state;
    }

    public static byte[] Serialize(string kind) => kind switch
    {
        "map-identity" => CalibrationMap.Identity.Serialize(),
        "map-isotonic" => IsotonicMap().Serialize(),
        "state-empty" => new CbpeState(IsotonicMap()).Serialize(),
        "state-exact" => ExactState().Serialize(),
        "state-grid" => GridState().Serialize(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Reads the bytes back and serializes them again.</summary>
    public static byte[] Reserialize(string kind, byte[] bytes) => kind.StartsWith("map-", StringComparison.Ordinal)
        ? CalibrationMap.Deserialize(bytes).Serialize()
        : CbpeState.Deserialize(bytes, IsotonicMap()).Serialize();
}
