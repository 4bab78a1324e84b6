using System.Globalization;
using OrleansEval.Gateway.Queries;
using OrleansEval.GrainInterfaces;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Skew;

namespace OrleansEval.Gateway.Skew;

/// <summary>
/// A checked skew check: <c>reference</c> (required) and <c>current</c> (default <c>production</c>) each an environment
/// or <c>version@environment</c>, the version defaulting to <c>version</c>; the current window <c>[from, to)</c> (default
/// the last day) and the reference's (default the same); the relative <c>tolerance</c> (default 1e-6).
/// </summary>
internal static class SkewRead
{
    public static async Task<QueryResult> AnswerAsync(SkewFields fields, IGrainFactory grains, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (query, failure) = Parse(fields, now);
        if (query is null)
        {
            return QueryResult.Refused(failure!);
        }

        var answer = await grains.GetGrain<ISkewWorker>(0).CheckAsync(fields.ModelId, query, cancellationToken);
        return answer.Report is null
            ? QueryResult.Refused(QueryFailure.FromWorker(answer.ErrorField!, answer.Error!, answer.NotFound))
            : QueryResult.Answered(SkewJson.Write(fields.ModelId, answer.Report));
    }

    public static (SkewQuery? Query, QueryFailure? Failure) Parse(SkewFields fields, DateTimeOffset now)
    {
        if (QueryFailure.OfName("modelId", NameKind.Model, fields.ModelId) is { } invalidModel)
        {
            return (null, invalidModel);
        }

        var (window, invalidWindow) = WindowQuery.Read(new WindowFields(fields.Version, null, fields.From, fields.To), now);
        if (window is null)
        {
            return (null, invalidWindow);
        }

        if (fields.Reference is null)
        {
            return (null, QueryFailure.Invalid("reference", "is required: an environment (training, validation, …) or version@environment"));
        }

        var (reference, invalidReference) = Series("reference", fields.Reference, window.Series.Version);
        if (reference is null)
        {
            return (null, invalidReference);
        }

        var (current, invalidCurrent) = Series("current", fields.Current ?? SeriesId.DefaultEnvironment, window.Series.Version);
        if (current is null)
        {
            return (null, invalidCurrent);
        }

        var (referenceWindow, invalidReferenceWindow) = WindowQuery.Read(
            new WindowFields(null, null, fields.ReferenceFrom ?? Format(window.From), fields.ReferenceTo ?? Format(window.To)), now);
        if (referenceWindow is null)
        {
            return (null, QueryFailure.Invalid("reference" + char.ToUpperInvariant(invalidReferenceWindow!.Field[0]) + invalidReferenceWindow.Field[1..], invalidReferenceWindow.Rule));
        }

        var tolerance = SkewQuery.DefaultTolerance;
        if (fields.Tolerance is not null && !double.TryParse(fields.Tolerance, NumberStyles.Float, CultureInfo.InvariantCulture, out tolerance))
        {
            return (null, QueryFailure.Invalid("tolerance", "must be a finite number, at least 0"));
        }

        var query = new SkewQuery(reference, current, window.From, window.To, referenceWindow.From, referenceWindow.To, tolerance);
        return query.Check() is { } broken ? (null, QueryFailure.Invalid(broken.Field, broken.Rule)) : (query, null);
    }

    private static (SeriesId? Series, QueryFailure? Failure) Series(string field, string text, string version)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var (named, environment) = at < 0 ? (version, text) : (text[..at], text[(at + 1)..]);
        var invalid = QueryFailure.OfName(field, NameKind.Name, named) ?? QueryFailure.OfName(field, NameKind.Environment, environment);
        return invalid is null ? (new SeriesId(named, environment), null) : (null, invalid);
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
