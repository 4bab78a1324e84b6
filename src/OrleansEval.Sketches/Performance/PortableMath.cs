namespace OrleansEval.Sketches.Performance;

/// <summary>
/// A natural logarithm evaluated with IEEE 754 additions, multiplications and divisions only, so it gives the same bits
/// on every machine. The performance states store rounded logarithms (the log-loss terms, the DDSketch bucket indices)
/// and must remove exactly what they added, possibly on another silo whose C runtime rounds <see cref="Math.Log(double)"/>
/// differently in the last place.
/// </summary>
/// <remarks>
/// x = m·2^e with m in [√½, √2); ln x = e·ln 2 + 2·atanh(s) with s = (m − 1)/(m + 1), |s| ≤ 0.1716, and atanh expanded
/// as s + s³/3 + … + s²³/23 (the next term is below 2^-60 of the sum). m − 1 is exact (Sterbenz), and ln 2 is split
/// into a high part with 32 trailing zero bits, so e·ln2_hi is exact. The error is within 2 units in the last place.
/// </remarks>
internal static class PortableMath
{
    // ln 2 = Ln2High + Ln2Low, Ln2High with the low 32 bits of its significand zero.
    private const double Ln2High = 0.6931467056274414;
    private const double Ln2Low = 4.7493250390316726e-07;
    private const double SqrtTwo = 1.4142135623730951;
    private const double TwoPow54 = 18014398509481984.0;
    private const double SmallestNormal = 2.2250738585072014e-308;

    /// <summary>The natural logarithm of a positive finite <paramref name="x"/>.</summary>
    public static double Log(double x)
    {
        if (!(x > 0) || !double.IsFinite(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "The logarithm is evaluated for positive finite values only.");
        }

        var exponent = 0;
        if (x < SmallestNormal)
        {
            // Subnormal: scale into the normal range first (exact).
            x *= TwoPow54;
            exponent = -54;
        }

        var bits = BitConverter.DoubleToInt64Bits(x);
        exponent += (int)((bits >> 52) & 0x7FF) - 1023;
        var m = BitConverter.Int64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFFL) | 0x3FF0_0000_0000_0000L);
        if (m > SqrtTwo)
        {
            m *= 0.5;
            exponent++;
        }

        var f = m - 1.0;
        var s = f / (2.0 + f);
        var z = s * s;
        // Horner's rule for 1/3 + z/5 + z²/7 + … + z¹⁰/23.
        var series = 1.0 / 23;
        series = (1.0 / 21) + (z * series);
        series = (1.0 / 19) + (z * series);
        series = (1.0 / 17) + (z * series);
        series = (1.0 / 15) + (z * series);
        series = (1.0 / 13) + (z * series);
        series = (1.0 / 11) + (z * series);
        series = (1.0 / 9) + (z * series);
        series = (1.0 / 7) + (z * series);
        series = (1.0 / 5) + (z * series);
        series = (1.0 / 3) + (z * series);
        var tail = z * series;
        var logM = (2.0 * s) + (2.0 * s * tail);
        return exponent == 0 ? logM : (exponent * Ln2High) + (logM + (exponent * Ln2Low));
    }
}
