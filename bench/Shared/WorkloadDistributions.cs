using System.Globalization;

namespace OrleansEval.Bench;

/// <summary>
/// The features of a binary classifier's traffic and how their values are drawn: 15 numeric features (normal,
/// lognormal, uniform, exponential and count distributions), 5 categorical ones with Zipf-like category frequencies,
/// and a score from a logistic model of some of them. The load generator and the parsing benchmarks both draw from
/// here, so they send the same kind of record.
/// </summary>
internal static class WorkloadDistributions
{
    public static readonly (string Name, int Categories, double Exponent)[] Categorical =
    [
        ("plan", 4, 1.2),
        ("country", 40, 1.1),
        ("device", 6, 1.0),
        ("channel", 10, 1.3),
        ("browser", 12, 1.5),
    ];

    public static readonly string[] Numeric =
    [
        "age", "income", "tenure_days", "sessions_30d", "purchases_90d",
        "basket_value", "discount_rate", "support_tickets", "page_views", "time_on_site_s",
        "credit_score", "days_since_login", "cart_items", "distance_km", "returns_ratio",
    ];

    /// <summary>Draws one value of each of the <see cref="Numeric"/> features, in their order.</summary>
    public static void DrawNumeric(Random random, double[] values)
    {
        values[0] = Math.Clamp(Normal(random, 40, 12), 18, 90);             // age
        values[1] = Math.Exp(Normal(random, 10.8, 0.6));                     // income, lognormal
        values[2] = Math.Floor(random.NextDouble() * 2000);                   // tenure_days, uniform
        values[3] = Poisson(random, 12);                                      // sessions_30d
        values[4] = Poisson(random, 2.5);                                     // purchases_90d
        values[5] = Math.Round(Math.Exp(Normal(random, 3.8, 0.9)), 2);        // basket_value, lognormal
        values[6] = Math.Round(random.NextDouble() * 0.5, 3);                 // discount_rate, uniform
        values[7] = Poisson(random, 0.4);                                     // support_tickets
        values[8] = Poisson(random, 35);                                      // page_views
        values[9] = Math.Round(Math.Exp(Normal(random, 5.5, 1.1)), 1);        // time_on_site_s, lognormal
        values[10] = Math.Round(Math.Clamp(Normal(random, 680, 70), 300, 850)); // credit_score
        values[11] = Math.Floor(-Math.Log(1 - random.NextDouble()) * 9);      // days_since_login, exponential
        values[12] = Poisson(random, 3);                                      // cart_items
        values[13] = Math.Round(Math.Exp(Normal(random, 2.3, 1.0)), 2);       // distance_km, lognormal
        values[14] = Math.Round(Math.Clamp(Normal(random, 0.08, 0.05), 0, 1), 4); // returns_ratio
    }

    /// <summary>The cumulative Zipf frequencies of each <see cref="Categorical"/> feature, for <see cref="DrawCategory"/>.</summary>
    public static double[][] CategoryFrequencies() => [.. Categorical.Select(c => ZipfCumulative(c.Categories, c.Exponent))];

    /// <summary>A category of the <paramref name="kind"/>-th <see cref="Categorical"/> feature, named <c>{feature}_{rank}</c>.</summary>
    public static string DrawCategory(Random random, double[][] frequencies, int kind)
    {
        var cumulative = frequencies[kind];
        var index = Array.BinarySearch(cumulative, random.NextDouble());
        var rank = Math.Min(index < 0 ? ~index : index, cumulative.Length - 1);
        return string.Create(CultureInfo.InvariantCulture, $"{Categorical[kind].Name}_{rank}");
    }

    /// <summary>The classifier's score: a logistic model of age, tenure, support tickets, credit score and plan.</summary>
    public static double Score(double[] numeric, string plan)
    {
        var logit = -1.0 + (0.03 * (numeric[0] - 40)) - (0.004 * (numeric[2] - 500) / 10) + (0.25 * numeric[7])
            - (0.02 * (numeric[10] - 650) / 10) + (plan == "plan_0" ? -0.5 : 0.4);
        return 1 / (1 + Math.Exp(-logit));
    }

    private static double[] ZipfCumulative(int categories, double exponent)
    {
        var weights = Enumerable.Range(1, categories).Select(k => 1 / Math.Pow(k, exponent)).ToArray();
        var total = weights.Sum();
        var cumulative = new double[categories];
        var sum = 0.0;
        for (var k = 0; k < categories; k++)
        {
            sum += weights[k] / total;
            cumulative[k] = sum;
        }

        return cumulative;
    }

    private static double Normal(Random random, double mean, double deviation)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + (deviation * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }

    private static double Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        var product = random.NextDouble();
        while (product > limit)
        {
            k++;
            product *= random.NextDouble();
        }

        return k;
    }
}
