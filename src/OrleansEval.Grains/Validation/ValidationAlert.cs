using OrleansEval.Alerts;
using OrleansEval.Validation;

namespace OrleansEval.Grains.Validation;

/// <summary>The alert of a failing validation: kind <c>validation</c>, naming the model, the candidate and the failed rules.</summary>
internal static class ValidationAlert
{
    public static Alert For(ValidationReport report)
    {
        var failed = report.Rules.Where(r => r.Failed).ToList();
        var candidate = report.Request.Candidate;
        return new Alert
        {
            ModelId = report.ModelId,
            Monitor = $"validation/{report.Id}",
            Kind = "validation",
            Target = $"{candidate.Version}@{candidate.Environment}",
            State = AlertState.Firing,
            Measure = string.Join(",", failed.Select(r => r.Name)),
            Value = failed.Count,
            Threshold = 0,
            Direction = "above",
            WindowFrom = report.Request.From,
            WindowTo = report.Request.To,
            Count = report.Comparison.Paired,
            At = report.At,
            Baseline = report.Request.ProductionBaseline,
            CauseNote = string.Join("; ", failed.Select(r => $"{r.Name}: {r.Finding}")),
        };
    }
}
