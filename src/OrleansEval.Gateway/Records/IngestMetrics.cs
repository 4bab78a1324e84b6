using System.Diagnostics.Metrics;
using OrleansEval.Gateway.Observability;
using OrleansEval.Ingest;

namespace OrleansEval.Gateway.Records;

/// <summary>
/// Counts, on the gateway's meter, the records and actuals the cluster kept and the ones it rejected, by the top-level
/// field at fault (<c>timestamp</c>, <c>features</c>, <c>prediction</c>…, a bounded set whatever the feature names), so
/// that a dashboard can plot ingest per second and rejections by reason.
/// </summary>
internal sealed class IngestMetrics
{
    /// <summary>Name of the counter of kept items; tags <c>kind</c> (record or actual) and <c>protocol</c>.</summary>
    public const string AcceptedCounter = "orleanseval.gateway.ingest.accepted";

    /// <summary>Name of the counter of rejected items; tags <c>kind</c>, <c>protocol</c> and <c>reason</c>.</summary>
    public const string RejectedCounter = "orleanseval.gateway.ingest.rejected";

    private readonly Counter<long> _accepted;
    private readonly Counter<long> _rejected;

    public IngestMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MetricSources.Gateway);
        _accepted = meter.CreateCounter<long>(AcceptedCounter, "{item}", "Prediction records and actuals the cluster kept.");
        _rejected = meter.CreateCounter<long>(RejectedCounter, "{item}", "Prediction records and actuals rejected, by the field at fault.");
    }

    /// <summary>Counts one answered batch of <paramref name="kind"/> ("record" or "actual") that came over <paramref name="protocol"/>.</summary>
    public void Count(string kind, string protocol, int accepted, IEnumerable<RecordRejection> rejected)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        var kindTag = new KeyValuePair<string, object?>("kind", kind);
        var protocolTag = new KeyValuePair<string, object?>("protocol", protocol);
        if (accepted > 0)
        {
            _accepted.Add(accepted, kindTag, protocolTag);
        }

        foreach (var reasons in rejected.GroupBy(r => Reason(r.Error), StringComparer.Ordinal))
        {
            _rejected.Add(reasons.Count(), kindTag, protocolTag, new KeyValuePair<string, object?>("reason", reasons.Key));
        }
    }

    /// <summary>The top-level field an error names: "features.temp: must be a number" is a "features" rejection.</summary>
    public static string Reason(string error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var field = error.AsSpan();
        var end = field.IndexOfAny(':', '.', '[');
        return end > 0 ? error[..end] : "other";
    }
}
