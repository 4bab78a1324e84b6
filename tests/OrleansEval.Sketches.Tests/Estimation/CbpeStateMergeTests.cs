using OrleansEval.Sketches.Estimation;
using OrleansEval.Sketches.Tests.Serialization;

namespace OrleansEval.Sketches.Tests.Estimation;

public class CbpeStateMergeTests
{
    private static readonly Lazy<CalibrationMap> Map = new(CbpeWeatherScenarioTests.FitReference);

    public static TheoryData<int> Caps => [1, 16, 300, CbpeState.DefaultMaxExactScores];

    [Theory]
    [MemberData(nameof(Caps))]
    public void Merge_AnyPartitionInAnyOrder_EqualsTheStateOfTheWholeStreamBitForBit(int cap)
    {
        var scores = Scores(seed: 31, count: 5000);
        var whole = Build(scores, cap);
        var random = new DeterministicRandom(32);
        for (var trial = 0; trial < 20; trial++)
        {
            var parts = Enumerable.Range(0, 1 + random.NextInt(8)).Select(_ => new CbpeState(Map.Value, 0.5, cap)).ToArray();
            foreach (var score in scores)
            {
                parts[random.NextInt(parts.Length)].Add(score);
            }

            // Merge in a random order and a random tree shape.
            var pending = parts.ToList();
            while (pending.Count > 1)
            {
                var i = random.NextInt(pending.Count);
                var left = pending[i];
                pending.RemoveAt(i);
                var j = random.NextInt(pending.Count);
                left.Merge(pending[j]);
                pending[j] = left;
            }

            Assert.Equal(whole.Serialize(), pending[0].Serialize());
            Assert.Equal(whole.Estimate(), pending[0].Estimate());
        }
    }

    [Fact]
    public void Merge_IsCommutativeAndAssociative()
    {
        var a = Build(Scores(41, 900), 256);
        var b = Build(Scores(42, 50), 256);
        var c = Build(Scores(43, 2000), 256);

        var ab = a.Clone();
        ab.Merge(b);
        var ba = b.Clone();
        ba.Merge(a);
        Assert.Equal(ab.Serialize(), ba.Serialize());

        var abThenC = ab.Clone();
        abThenC.Merge(c);
        var bc = b.Clone();
        bc.Merge(c);
        var aThenBc = a.Clone();
        aThenBc.Merge(bc);
        Assert.Equal(abThenC.Serialize(), aThenBc.Serialize());
    }

    [Fact]
    public void Merge_Empty_IsTheIdentity()
    {
        var state = Build(Scores(51, 700), 128);
        var bytes = state.Serialize();

        state.Merge(new CbpeState(Map.Value, 0.5, 128));
        Assert.Equal(bytes, state.Serialize());

        var empty = new CbpeState(Map.Value, 0.5, 128);
        empty.Merge(state);
        Assert.Equal(bytes, empty.Serialize());
    }

    [Fact]
    public void Merge_WithItself_DoublesEveryCount()
    {
        var scores = Scores(61, 400);
        var state = Build(scores, 64);
        state.Merge(state);

        Assert.Equal(Build([.. scores, .. scores], 64).Serialize(), state.Serialize());
    }

    [Fact]
    public void Merge_LeavesTheOtherStateUnchanged()
    {
        var a = Build(Scores(71, 300), 2048);
        var b = Build(Scores(72, 300), 2048);
        var bytes = b.Serialize();

        a.Merge(b);

        Assert.Equal(bytes, b.Serialize());
    }

    [Fact]
    public void Merge_IncompatibleStates_Throws()
    {
        var state = new CbpeState(Map.Value);

        Assert.Throws<ArgumentException>(() => state.Merge(new CbpeState(CalibrationMap.Identity)));
        Assert.Throws<ArgumentException>(() => state.Merge(new CbpeState(Map.Value, 0.6)));
        Assert.Throws<ArgumentException>(() => state.Merge(new CbpeState(Map.Value, 0.5, 100)));
    }

    private static double[] Scores(ulong seed, int count)
    {
        var random = new DeterministicRandom(seed);
        var scores = new double[count];
        for (var i = 0; i < count; i++)
        {
            // A mix of repeated coarse scores and distinct fine ones.
            scores[i] = random.NextInt(2) == 0 ? random.NextInt(200) / 200.0 : random.NextDouble();
        }

        return scores;
    }

    private static CbpeState Build(double[] scores, int cap)
    {
        var state = new CbpeState(Map.Value, 0.5, cap);
        foreach (var score in scores)
        {
            state.Add(score);
        }

        return state;
    }
}
