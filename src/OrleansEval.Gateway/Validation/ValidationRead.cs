using OrleansEval.Compare;
using OrleansEval.Gateway.Queries;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Validation;

namespace OrleansEval.Gateway.Validation;

/// <summary>
/// A checked validation request: the candidate and reference series, the production baseline, the window, the metric and
/// the minimum slice size, each refused with its field and rule before the silo is asked.
/// </summary>
internal static class ValidationRead
{
    public static (ValidationRequest? Request, QueryFailure? Failure) Parse(ValidationBody body, DateTimeOffset now)
    {
        var (candidate, invalidCandidate) = Series("candidate", body.Candidate);
        if (candidate is null)
        {
            return (null, invalidCandidate);
        }

        var (reference, invalidReference) = Series("reference", body.Reference);
        if (reference is null)
        {
            return (null, invalidReference);
        }

        if (candidate == reference)
        {
            return (null, QueryFailure.Invalid("reference", "must name another version or environment than candidate"));
        }

        if (body.Production?.Baseline is not { } baseline)
        {
            return (null, QueryFailure.Invalid("production.baseline", "is required: the baseline of production the candidate's inputs are compared with"));
        }

        if (QueryFailure.OfName("production.baseline", NameKind.Name, baseline) is { } invalidBaseline)
        {
            return (null, invalidBaseline);
        }

        var (window, invalidWindow) = WindowQuery.Read(new WindowFields(null, null, body.From, body.To), now);
        if (window is null)
        {
            return (null, invalidWindow);
        }

        if (body.Metric is not null && !ComparisonMetrics.All.Contains(body.Metric))
        {
            return (null, QueryFailure.Invalid("metric", $"must be one of {string.Join(", ", ComparisonMetrics.All)}"));
        }

        var request = new ValidationRequest(candidate, reference, baseline, window.From, window.To, body.Metric, body.MinSize);
        var broken = ComparisonRules.Check(new ComparisonQuery([reference, candidate], request.From, request.To, request.Metric, baseline, request.MinSize));
        return broken is { } rule ? (null, QueryFailure.Invalid(rule.Field, rule.Rule)) : (request, null);
    }

    private static (SeriesId? Series, QueryFailure? Failure) Series(string field, SeriesBody? body)
    {
        if (body?.Version is not { } version)
        {
            return (null, QueryFailure.Invalid(field, $"is required: an object with the {field}'s version and environment (production when absent)"));
        }

        var environment = body.Environment ?? SeriesId.DefaultEnvironment;
        if (QueryFailure.OfName($"{field}.version", NameKind.Name, version) is { } invalidVersion)
        {
            return (null, invalidVersion);
        }

        return QueryFailure.OfName($"{field}.environment", NameKind.Environment, environment) is { } invalidEnvironment
            ? (null, invalidEnvironment)
            : (new SeriesId(version, environment), null);
    }
}
