using OrleansEval.Gateway.Grpc.V1;
using static OrleansEval.Server.Tests.Golden.WeatherGoldenSetup;

namespace OrleansEval.Server.Tests.Golden;

/// <summary>
/// The reads the weather goldens guard, in the order they are asked (the monitors' evaluation changes their state, so
/// it comes after their definitions are read and before the alert feed): the model and its series, every baseline,
/// drift over months, years, windows that snap to buckets or widen to rolled-up days, time zones, an empty window, the
/// training series and three baselines; performance for the whole model and for slices, with every granularity; the
/// slice lists; monitors, their evaluation and the alert history; and drift and performance over gRPC.
/// </summary>
public static class WeatherGoldenQuestions
{
    private const string Production = "version=v1&environment=production";
    private const string Training = "version=v1&environment=training";
    private const string AllYears = "from=2013-01-01T00:00:00Z&to=2016-01-01T00:00:00Z";
    private const string July2013 = "from=2013-07-01T00:00:00Z&to=2013-08-01T00:00:00Z";
    private const string Year2012 = "from=2012-01-01T00:00:00Z&to=2013-01-01T00:00:00Z";

    private static readonly string Seattle = Uri.EscapeDataString("location = Seattle");
    private static readonly string NewYork = Uri.EscapeDataString("location = New York");

    public static IReadOnlyList<GoldenQuestion> All { get; } =
    [
        Get("models", "/v1/models"),
        Get("model", Model("")),
        Get("baseline-training", Model("/baselines/training")),
        Get("baseline-spring-2013", Model($"/baselines/{WindowBaseline}")),
        Get("baseline-training-edges", Model($"/baselines/{EdgesBaseline}")),

        Drift("drift-production-2013-01", "training", "from=2013-01-01T00:00:00Z&to=2013-02-01T00:00:00Z"),
        Drift("drift-production-2013-07", "training", July2013),
        Drift("drift-production-2014-03", "training", "from=2014-03-01T00:00:00Z&to=2014-04-01T00:00:00Z"),
        Drift("drift-production-2015-12", "training", "from=2015-12-01T00:00:00Z&to=2016-01-01T00:00:00Z"),
        Drift("drift-production-2014", "training", "from=2014-01-01T00:00:00Z&to=2015-01-01T00:00:00Z"),
        Drift("drift-production-all-years", "training", AllYears),
        Drift("drift-production-hours-snapped", "training", "from=2014-07-01T00:30:00Z&to=2014-07-08T12:15:00Z"),
        Drift("drift-production-rolled-up-days-widened", "training", "from=2013-07-01T06:00:00Z&to=2013-07-15T18:00:00Z"),
        Drift("drift-production-offset-zone", "training", "from=2015-06-01T02:00:00%2B02:00&to=2015-07-01T02:00:00.5%2B02:00"),
        Drift("drift-production-empty-window", "training", "from=2016-02-01T00:00:00Z&to=2016-03-01T00:00:00Z"),
        Get("drift-training-2012", Model($"/drift?baseline=training&{Training}&{Year2012}")),
        Get("drift-training-2012-12", Model($"/drift?baseline=training&{Training}&from=2012-12-01T00:00:00Z&to=2013-01-01T00:00:00Z")),
        Drift("drift-spring-2013-baseline-2013-07", WindowBaseline, July2013),
        Drift("drift-spring-2013-baseline-2015-12", WindowBaseline, "from=2015-12-01T00:00:00Z&to=2016-01-01T00:00:00Z"),
        Drift("drift-training-edges-baseline-2014-03", EdgesBaseline, "from=2014-03-01T00:00:00Z&to=2014-04-01T00:00:00Z"),

        Get("performance-all-years-monthly", Model($"/performance?{Production}&{AllYears}&granularity=month")),
        Get("performance-2013-07-daily", Model($"/performance?{Production}&{July2013}&granularity=1d")),
        Get("performance-2014-whole", Model($"/performance?{Production}&from=2014-01-01T00:00:00Z&to=2015-01-01T00:00:00Z")),
        Get("performance-2015-q4-weekly", Model($"/performance?{Production}&from=2015-10-01T00:00:00Z&to=2016-01-01T00:00:00Z&granularity=7d")),
        Get("performance-rolled-up-days-6h", Model($"/performance?{Production}&from=2013-07-01T06:00:00Z&to=2013-07-03T18:00:00Z&granularity=6h")),
        Get("performance-hours-6h", Model($"/performance?{Production}&from=2014-07-01T06:00:00Z&to=2014-07-03T18:00:00Z&granularity=6h")),
        Get("performance-seattle-monthly", Model($"/performance?{Production}&{AllYears}&slice={Seattle}&granularity=month")),
        Get("performance-named-slice", Model($"/performance?{Production}&{AllYears}&slice={NamedSlice}")),
        Get("performance-training-2012-monthly", Model($"/performance?{Training}&{Year2012}&granularity=month")),

        Get("slices-production-all-years", Model($"/slices?{Production}&{AllYears}")),
        Get("slices-production-2014-03", Model($"/slices?{Production}&from=2014-03-01T00:00:00Z&to=2014-04-01T00:00:00Z")),
        Get("slices-training-2012", Model($"/slices?{Training}&{Year2012}")),
        Get("slice-new-york", Model($"/slices/{NewYork}?{Production}&{AllYears}&granularity=month")),
        Get("slice-named", Model($"/slices/{NamedSlice}?{Production}&{July2013}&granularity=1d")),

        Get("monitors", Model("/monitors")),
        Get("monitor-estimated-auc", Model("/monitors/estimated-auc")),
        new("monitors-evaluate", server => server.SendAsync(HttpMethod.Post, Model("/monitors:evaluate"), null, CancellationToken.None)),
        Get("alerts", $"/v1/alerts?model={WeatherGoldenServer.ModelId}"),
        Get("alerts-firing-after-2", $"/v1/alerts?model={WeatherGoldenServer.ModelId}&state=firing&after=2&limit=3"),

        GrpcDrift("grpc-drift-production-2013-07", "training", "production", "2013-07-01T00:00:00Z", "2013-08-01T00:00:00Z"),
        GrpcDrift("grpc-drift-production-2015-12", "training", "production", "2015-12-01T00:00:00Z", "2016-01-01T00:00:00Z"),
        GrpcDrift("grpc-drift-training-2012", "training", "training", "2012-01-01T00:00:00Z", "2013-01-01T00:00:00Z"),
        GrpcDrift("grpc-drift-spring-2013-baseline-2013-07", WindowBaseline, "production", "2013-07-01T00:00:00Z", "2013-08-01T00:00:00Z"),
        GrpcPerformance("grpc-performance-all-years-monthly", new PerformanceRequest { From = "2013-01-01T00:00:00Z", To = "2016-01-01T00:00:00Z", Granularity = "month" }),
        GrpcPerformance("grpc-performance-2013-07-daily", new PerformanceRequest { From = "2013-07-01T00:00:00Z", To = "2013-08-01T00:00:00Z", Granularity = "1d" }),
        GrpcPerformance("grpc-performance-seattle-2014", new PerformanceRequest { From = "2014-01-01T00:00:00Z", To = "2015-01-01T00:00:00Z", Slice = "location = Seattle" }),
    ];

    private static GoldenQuestion Get(string name, string path) => new(name, server => server.GetAsync(path));

    private static GoldenQuestion Drift(string name, string baseline, string window) =>
        Get(name, Model($"/drift?baseline={baseline}&{Production}&{window}"));

    private static GoldenQuestion GrpcDrift(string name, string baseline, string environment, string from, string to) =>
        new(name, async server => WeatherGoldenServer.Json(await server.Grpc.GetDriftAsync(new DriftRequest
        {
            ModelId = WeatherGoldenServer.ModelId, Baseline = baseline, Version = "v1", Environment = environment, From = from, To = to,
        })));

    private static GoldenQuestion GrpcPerformance(string name, PerformanceRequest request)
    {
        request.ModelId = WeatherGoldenServer.ModelId;
        request.Version = "v1";
        request.Environment = "production";
        return new(name, async server => WeatherGoldenServer.Json(await server.Grpc.GetPerformanceAsync(request)));
    }
}
