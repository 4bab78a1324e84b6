using System.Globalization;
using System.Text.Json.Nodes;

namespace OrleansEval.Server.Demo;

/// <summary>
/// The demo's second version, scored in shadow on the same production days: a logistic regression of a wet day on
/// location, temp_max, temp_min and wind, fitted by maximum likelihood to the 2012 reference rows with statsmodels
/// 0.13.5 (<c>sm.Logit(y, sm.add_constant(X)).fit()</c>, X = [Seattle, temp_max, temp_min, wind]). A plain, honest
/// challenger to the gradient-boosted champion, so that <c>compare</c> has two real models to weigh.
/// </summary>
public static class WeatherChallenger
{
    /// <summary>The challenger's version; it runs in the <c>shadow</c> environment.</summary>
    public const string Version = "v2";

    private const double Intercept = 1.5837930959181343;
    private const double Seattle = 0.9422673902675145;
    private const double TempMax = -0.42866975504690885;
    private const double TempMin = 0.4425903068709167;
    private const double Wind = 0.17007795185880098;

    /// <summary>P(wet) for a scenario record's features.</summary>
    public static double Score(JsonNode features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var logit = Intercept
            + (features["location"]!.GetValue<string>() == "Seattle" ? Seattle : 0)
            + (TempMax * features["temp_max"]!.GetValue<double>())
            + (TempMin * features["temp_min"]!.GetValue<double>())
            + (Wind * features["wind"]!.GetValue<double>());
        return 1 / (1 + Math.Exp(-logit));
    }

    /// <summary>The champion's record of the same prediction, as the challenger scores it in shadow.</summary>
    public static JsonObject Rescore(JsonObject record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var score = Score(record["features"]!);
        record["version"] = Version;
        record["environment"] = "shadow";
        record["prediction"] = new JsonObject
        {
            ["label"] = (score >= 0.5 ? 1 : 0).ToString(CultureInfo.InvariantCulture),
            ["score"] = score,
        };
        return record;
    }
}
