namespace OrleansEval.Server.Tests.Golden;

/// <summary>What the goldens add to the demo's replay: a named slice, two more baselines and a monitor of every kind.</summary>
public static class WeatherGoldenSetup
{
    /// <summary>Named slice defined before production arrives.</summary>
    public const string NamedSlice = "seattle-warm";

    /// <summary>Baseline frozen over a production window (so its data before freezing is answered from sketches).</summary>
    public const string WindowBaseline = "spring-2013";

    /// <summary>Baseline of the training set with explicit cut points.</summary>
    public const string EdgesBaseline = "training-edges";

    private static readonly (string Name, string Body)[] Monitors =
    [
        ("temp-max-psi", """{"kind": "drift", "target": "temp_max", "measure": "psi", "threshold": 0.2, "baseline": "training", "version": "v1", "window": "30d", "minCount": 30}"""),
        ("every-feature-js", """{"kind": "drift", "target": "*", "measure": "jsDistance", "threshold": 0.05, "baseline": "training", "version": "v1", "window": "30d", "minCount": 30, "hysteresis": 0.1, "cooldown": "1h"}"""),
        ("prediction-ks", """{"kind": "drift", "target": "prediction", "measure": "ks", "threshold": 0.05, "baseline": "training", "version": "v1", "window": "30d"}"""),
        ("wind-chi-square", """{"kind": "drift", "target": "wind", "measure": "chiSquare", "threshold": 0.01, "baseline": "training-edges", "version": "v1", "window": "90d"}"""),
        ("temp-min-missing", """{"kind": "dataQuality", "target": "temp_min", "measure": "missingRate", "threshold": 0.01, "baseline": "training", "version": "v1", "window": "30d"}"""),
        ("temp-max-out-of-range", """{"kind": "dataQuality", "target": "temp_max", "measure": "outOfRangeRate", "threshold": 0.01, "baseline": "spring-2013", "version": "v1", "window": "30d"}"""),
        ("accuracy-drop", """{"kind": "performance", "measure": "accuracy", "dropFromBaseline": 0.02, "baseline": "training", "version": "v1", "window": "30d", "minCount": 30}"""),
        ("seattle-log-loss", """{"kind": "performance", "measure": "logLoss", "threshold": 0.3, "slice": "location = Seattle", "baseline": "training", "version": "v1", "window": "30d"}"""),
        ("estimated-auc", """{"kind": "estimatedPerformance", "measure": "rocAuc", "threshold": 0.95, "baseline": "training", "version": "v1", "window": "30d"}"""),
        ("wind-auto", """{"kind": "drift", "target": "wind", "measure": "psi", "autoThresholdK": 1, "baseline": "spring-2013", "version": "v1", "window": "7d"}"""),
    ];

    public static Task DefineSliceAsync(WeatherGoldenServer server, CancellationToken cancellationToken) =>
        server.SendAsync(HttpMethod.Put, Model($"/slices/{NamedSlice}"), """{"conditions": ["location = Seattle", "temp_max in [15, 40)"]}""", cancellationToken);

    public static async Task FreezeBaselinesAsync(WeatherGoldenServer server, CancellationToken cancellationToken)
    {
        await server.SendAsync(HttpMethod.Put, Model($"/baselines/{WindowBaseline}"),
            """{"version": "v1", "environment": "production", "from": "2013-03-01T00:00:00Z", "to": "2013-06-01T00:00:00Z", "bins": 5}""", cancellationToken);
        await server.SendAsync(HttpMethod.Put, Model($"/baselines/{EdgesBaseline}"),
            """{"version": "v1", "environment": "training", "edges": {"temp_max": [0, 10, 20, 30], "wind": [2, 4, 6]}}""", cancellationToken);
    }

    public static async Task DefineMonitorsAsync(WeatherGoldenServer server, CancellationToken cancellationToken)
    {
        foreach (var (name, body) in Monitors)
        {
            await server.SendAsync(HttpMethod.Put, Model($"/monitors/{name}"), body, cancellationToken);
        }
    }

    /// <summary>A path under the golden model.</summary>
    public static string Model(string path) => $"/v1/models/{WeatherGoldenServer.ModelId}{path}";
}
