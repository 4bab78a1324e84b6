namespace OrleansEval.Sketches.Slicing;

/// <summary>
/// Benjamini–Hochberg false-discovery-rate adjustment: with p-values ranked ascending, q₍ᵢ₎ = min over j ≥ i of
/// m·p₍ⱼ₎/j, capped at 1 (as statsmodels' <c>fdr_bh</c>).
/// </summary>
public static class BenjaminiHochberg
{
    /// <summary>The q-value of each p-value, in the order given.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A p-value is outside [0, 1] or NaN.</exception>
    public static double[] QValues(IReadOnlyList<double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        var count = pValues.Count;
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            if (!(pValues[i] >= 0 && pValues[i] <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(pValues), pValues[i], $"p-value {i} must be in [0, 1].");
            }

            order[i] = i;
        }

        Array.Sort(order, (left, right) => pValues[left].CompareTo(pValues[right]));
        var qValues = new double[count];
        var running = 1.0;
        for (var rank = count; rank >= 1; rank--)
        {
            var index = order[rank - 1];
            running = Math.Min(running, pValues[index] * count / rank);
            qValues[index] = running;
        }

        return qValues;
    }
}
