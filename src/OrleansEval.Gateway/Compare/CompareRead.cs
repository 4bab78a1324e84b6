using System.Collections.Immutable;
using System.Globalization;
using OrleansEval.Compare;
using OrleansEval.Gateway.Queries;
using OrleansEval.GrainInterfaces;
using OrleansEval.Keys;
using OrleansEval.Models;

namespace OrleansEval.Gateway.Compare;

/// <summary>
/// A checked comparison: the model, the versions (<c>version</c> or <c>version@environment</c>, comma-separated, the
/// champion first; the environment defaults to production), the window, the metric, the baseline, the minimum slice
/// size and the named slices (comma-separated), each refused with its field and rule before the silo is asked.
/// </summary>
internal static class CompareRead
{
    public static async Task<QueryResult> AnswerAsync(CompareFields fields, IGrainFactory grains, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (query, failure) = Parse(fields, now);
        if (query is null)
        {
            return QueryResult.Refused(failure!);
        }

        var answer = await grains.GetGrain<IComparisonWorker>(0).CompareAsync(fields.ModelId, query, cancellationToken);
        return answer.Report is null
            ? QueryResult.Refused(QueryFailure.FromWorker(answer.ErrorField!, answer.Error!, answer.NotFound))
            : QueryResult.Answered(CompareJson.Write(fields.ModelId, answer.Report));
    }

    public static (ComparisonQuery? Query, QueryFailure? Failure) Parse(CompareFields fields, DateTimeOffset now)
    {
        if (QueryFailure.OfName("modelId", NameKind.Model, fields.ModelId) is { } invalidModel)
        {
            return (null, invalidModel);
        }

        var (versions, invalidVersions) = Versions(fields.Versions);
        if (invalidVersions is not null)
        {
            return (null, invalidVersions);
        }

        var (window, invalidWindow) = WindowQuery.Read(new WindowFields(null, null, fields.From, fields.To), now);
        if (window is null)
        {
            return (null, invalidWindow);
        }

        if (fields.Metric is not null && !ComparisonMetrics.All.Contains(fields.Metric))
        {
            return (null, QueryFailure.Invalid("metric", $"must be one of {string.Join(", ", ComparisonMetrics.All)}"));
        }

        if (fields.Baseline is not null && QueryFailure.OfName("baseline", NameKind.Name, fields.Baseline) is { } invalidBaseline)
        {
            return (null, invalidBaseline);
        }

        int? minSize = null;
        if (fields.MinSize is not null)
        {
            if (!int.TryParse(fields.MinSize, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var size))
            {
                return (null, QueryFailure.Invalid("minSize", "must be a whole number, at least 1"));
            }

            minSize = size;
        }

        var slices = fields.Slices is null ? [] : fields.Slices.Split(',').ToImmutableArray();
        if (slices.FirstOrDefault(name => QueryFailure.OfName("slices", NameKind.Name, name) is not null) is { } badSlice)
        {
            return (null, QueryFailure.OfName("slices", NameKind.Name, badSlice));
        }

        var query = new ComparisonQuery(versions, window.From, window.To, fields.Metric, fields.Baseline, minSize, slices);
        return ComparisonRules.Check(query) is { } broken ? (null, QueryFailure.Invalid(broken.Field, broken.Rule)) : (query, null);
    }

    private static (ImmutableArray<SeriesId> Versions, QueryFailure? Failure) Versions(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return ([], QueryFailure.Invalid("versions", "is required: at least two versions, the champion first (version or version@environment, comma-separated)"));
        }

        var versions = ImmutableArray.CreateBuilder<SeriesId>();
        foreach (var entry in text.Split(','))
        {
            var at = entry.IndexOf('@', StringComparison.Ordinal);
            var version = at < 0 ? entry : entry[..at];
            var environment = at < 0 ? SeriesId.DefaultEnvironment : entry[(at + 1)..];
            if (QueryFailure.OfName("versions", NameKind.Name, version) is { } invalidVersion)
            {
                return ([], invalidVersion);
            }

            if (QueryFailure.OfName("versions", NameKind.Environment, environment) is { } invalidEnvironment)
            {
                return ([], invalidEnvironment);
            }

            versions.Add(new SeriesId(version, environment));
        }

        return (versions.ToImmutable(), null);
    }
}
