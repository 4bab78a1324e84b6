using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansEval.Gateway.Observability;

namespace OrleansEval.Server.Tests.Observability;

/// <summary>
/// The Grafana dashboard of infra/grafana plots only what <c>/metrics</c> exports: every metric its queries name is in
/// a scrape after an ingest and a query, or is the Prometheus name of an instrument of an exported meter (one that has
/// not measured anything yet, such as refused writes, and so is not in the scrape until it does).
/// </summary>
[Collection(MetricsTestGroup.Name)]
public sealed partial class GrafanaDashboardTests(MetricsServer server) : IClassFixture<MetricsServer>
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal) { "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset" };

    [Fact]
    public async Task Dashboard_QueriesOnlyMetricsThatMetricsExports()
    {
        var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(Cluster.InfraFiles.Directory, "grafana", "orleanseval.json")));
        var queried = Expressions(dashboard.RootElement).SelectMany(MetricNames).ToHashSet(StringComparer.Ordinal);
        var modelId = await server.RegisterAsync();
        await server.SendAsync(modelId, good: 3, badTimestamps: 1, badFeatures: 1);
        using var query = await server.Client.GetAsync($"/v1/models/{modelId}/performance");
        var exported = (await server.ScrapeAsync()).Names.Concat(InstrumentNames()).ToHashSet(StringComparer.Ordinal);

        Assert.True(queried.Count >= 15, $"only {queried.Count} metrics are queried");
        Assert.Empty(queried.Where(name => !exported.Contains(name)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Dashboard_IsGrafanaJson_WithAPrometheusQueryOnEveryPanel()
    {
        var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(Cluster.InfraFiles.Directory, "grafana", "orleanseval.json"))).RootElement;
        var graphs = dashboard.GetProperty("panels").EnumerateArray().Where(p => p.GetProperty("type").GetString() != "row").ToList();

        Assert.Equal("orleanseval", dashboard.GetProperty("uid").GetString());
        Assert.NotEmpty(graphs);
        Assert.All(graphs, panel =>
        {
            Assert.Equal("prometheus", panel.GetProperty("datasource").GetProperty("type").GetString());
            Assert.Contains(panel.GetProperty("targets").EnumerateArray(), t => !string.IsNullOrWhiteSpace(t.GetProperty("expr").GetString()));
        });
    }

    private static IEnumerable<string> Expressions(JsonElement dashboard) =>
        dashboard.GetProperty("panels").EnumerateArray()
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString()!));

    // Metric names of a PromQL expression: identifiers outside label matchers, ranges, strings and grouping clauses
    // that do not call a function.
    private static IEnumerable<string> MetricNames(string expression)
    {
        var bare = Grouping().Replace(Ranges().Replace(Matchers().Replace(expression, " "), " "), " ");
        return Identifier().Matches(bare).Where(m => !Keywords.Contains(m.Value) && !CallFollows(bare, m.Index + m.Length)).Select(m => m.Value);
    }

    private static bool CallFollows(string text, int at)
    {
        while (at < text.Length && text[at] == ' ')
        {
            at++;
        }

        return at < text.Length && text[at] == '(';
    }

    // The Prometheus names the exporter gives every instrument of an exported meter: dots to underscores, the unit's
    // suffix, _total on counters, _bucket/_sum/_count on histograms.
    private static List<string> InstrumentNames()
    {
        var names = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, _) =>
        {
            if (!MetricSources.All.Contains(instrument.Meter.Name))
            {
                return;
            }

            var name = Regex.Replace(instrument.Name, "[^A-Za-z0-9_:]", "_") + UnitSuffix(instrument.Unit, instrument.Name);
            var type = instrument.GetType().Name;
            if (type.StartsWith("Counter", StringComparison.Ordinal) || type.StartsWith("ObservableCounter", StringComparison.Ordinal))
            {
                names.Add($"{name}_total");
            }
            else if (type.StartsWith("Histogram", StringComparison.Ordinal))
            {
                names.AddRange([$"{name}_bucket", $"{name}_sum", $"{name}_count"]);
            }
            else
            {
                names.Add(name);
            }
        };
        listener.Start();
        return names;
    }

    private static string UnitSuffix(string? unit, string name)
    {
        var suffix = unit switch
        {
            "s" => "_seconds",
            "ms" => "_milliseconds",
            "By" => "_bytes",
            _ => string.Empty,
        };
        return name.EndsWith(suffix.Replace('_', '.'), StringComparison.Ordinal) || name.Replace('.', '_').EndsWith(suffix, StringComparison.Ordinal) ? string.Empty : suffix;
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(by|without)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"[A-Za-z_:][A-Za-z0-9_:]*")]
    private static partial Regex Identifier();
}
