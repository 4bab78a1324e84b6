using OrleansEval.Sketches.Drift;

namespace OrleansEval.Sketches.Tests.Drift;

/// <summary>Every binned measure against the reference vectors: 1e-9 relative, 1e-12 absolute near zero.</summary>
public class BinnedMeasureVectorTests
{
    public static TheoryData<string, string> CasesAndMeasures
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var name in DriftVectorCase.Names)
            {
                foreach (var key in Keys.Keys)
                {
                    data.Add(name, key);
                }
            }

            return data;
        }
    }

    private static Dictionary<string, IBinnedDriftMeasure> Keys { get; } = new(StringComparer.Ordinal)
    {
        ["psi"] = PopulationStabilityIndex.Instance,
        ["kl_cur_ref"] = KullbackLeiblerDivergence.Instance,
        ["js_distance_base2"] = JensenShannonDistance.Instance,
        ["js_divergence_base2"] = JensenShannonDivergence.Instance,
        ["hellinger"] = HellingerDistance.Instance,
        ["l_infinity"] = LInfinityDistance.Instance,
        ["total_variation"] = TotalVariationDistance.Instance,
    };

    [Theory]
    [MemberData(nameof(CasesAndMeasures))]
    public void Compute_OnVectorCounts_MatchesReference(string name, string key)
    {
        var vector = DriftVectorCase.Get(name);
        var reference = vector.ExpectedArray("bins.ref_counts");
        var current = vector.ExpectedArray("bins.cur_counts");

        var value = Keys[key].Compute(reference, current);

        NumericAssert.Close(vector.Expected(key), value, $"{name} {key}");
    }

    [Theory]
    [MemberData(nameof(DriftVectorCase.AllNames), MemberType = typeof(DriftVectorCase))]
    public void ComputeCategoricalOrNumeric_OnVectorCounts_MatchesEveryBinnedMeasure(string name)
    {
        var vector = DriftVectorCase.Get(name);
        var reference = vector.ExpectedArray("bins.ref_counts");
        var current = vector.ExpectedArray("bins.cur_counts");

        var measures = vector.IsNumeric
            ? DriftCalculator.ComputeNumeric(reference, current, null, null, null)
            : DriftCalculator.ComputeCategorical(reference, current);

        NumericAssert.Close(vector.Expected("psi"), measures.Score("psi"), $"{name} psi");
        NumericAssert.Close(vector.Expected("kl_cur_ref"), measures.Score("klDivergence"), $"{name} kl");
        NumericAssert.Close(vector.Expected("js_distance_base2"), measures.Score("jsDistance"), $"{name} js distance");
        NumericAssert.Close(vector.Expected("js_divergence_base2"), measures.Score("jsDivergence"), $"{name} js divergence");
        NumericAssert.Close(vector.Expected("hellinger"), measures.Score("hellinger"), $"{name} hellinger");
        NumericAssert.Close(vector.Expected("l_infinity"), measures.Score("lInfinity"), $"{name} l-infinity");
        NumericAssert.Close(vector.Expected("total_variation"), measures.Score("totalVariation"), $"{name} total variation");
        NumericAssert.Close(vector.Expected("chi2_contingency.statistic"), measures.Find("chiSquare")?.NumberOf("statistic"), $"{name} chi2");
    }
}
