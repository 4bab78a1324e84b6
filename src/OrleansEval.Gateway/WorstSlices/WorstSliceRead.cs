using System.Globalization;
using OrleansEval.Gateway.Queries;
using OrleansEval.GrainInterfaces;
using OrleansEval.Keys;
using OrleansEval.WorstSlices;

namespace OrleansEval.Gateway.WorstSlices;

/// <summary>
/// A checked worst-slice search: the model, the window (at most 366 days), the baseline, the metric and the search's
/// parameters, each refused with its field and rule before the silo is asked.
/// </summary>
internal sealed record WorstSliceRead(string ModelId, WorstSliceQuery Query)
{
    /// <summary>Checks <paramref name="fields"/>, asks the search worker, and answers the document or the failure.</summary>
    public static async Task<QueryResult> AnswerAsync(WorstSliceFields fields, IGrainFactory grains, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (read, failure) = Parse(fields, now);
        return read is null ? QueryResult.Refused(failure!) : await read.AskAsync(grains, cancellationToken);
    }

    /// <summary>Checks the model, the window, the baseline, then each parameter, reporting the first field at fault.</summary>
    public static (WorstSliceRead? Read, QueryFailure? Failure) Parse(WorstSliceFields fields, DateTimeOffset now)
    {
        if (QueryFailure.OfName(fields.ModelIdField, NameKind.Model, fields.ModelId) is { } invalidModel)
        {
            return (null, invalidModel);
        }

        var (window, failure) = WindowQuery.Read(fields.Window, now);
        if (window is null)
        {
            return (null, failure);
        }

        if (fields.Baseline is not null && QueryFailure.OfName("baseline", NameKind.Name, fields.Baseline) is { } invalidBaseline)
        {
            return (null, invalidBaseline);
        }

        var minSize = 0;
        var maxConditions = WorstSliceRules.DefaultMaxConditions;
        var limit = WorstSliceRules.DefaultLimit;
        var alpha = WorstSliceRules.DefaultAlpha;
        var unreadable = !TryInteger(fields.MinSize, ref minSize) ? QueryFailure.Invalid("minSize", "must be a whole number, at least 1")
            : !TryInteger(fields.MaxConditions, ref maxConditions) ? QueryFailure.Invalid("maxConditions", "must be a whole number between 1 and 3")
            : !TryNumber(fields.Alpha, ref alpha) ? QueryFailure.Invalid("alpha", "must be a number in (0, 1]")
            : !TryInteger(fields.Limit, ref limit) ? QueryFailure.Invalid("limit", $"must be a whole number between 1 and {WorstSliceRules.MostSlices}")
            : null;
        if (unreadable is not null)
        {
            return (null, unreadable);
        }

        var query = new WorstSliceQuery(
            fields.Window.Version,
            fields.Window.Environment,
            window.From,
            window.To,
            fields.Baseline,
            fields.Metric ?? SliceErrorMetrics.Error,
            fields.MinSize is null ? null : minSize,
            maxConditions,
            alpha,
            limit);
        return WorstSliceRules.Check(query) is { } broken
            ? (null, QueryFailure.Invalid(broken.Field, broken.Rule))
            : (new WorstSliceRead(fields.ModelId, query), null);
    }

    /// <summary>Sends the search to the silo and writes its report; cancelling stops the search there.</summary>
    public async Task<QueryResult> AskAsync(IGrainFactory grains, CancellationToken cancellationToken)
    {
        var answer = await grains.GetGrain<ISliceSearchWorker>(0).SearchAsync(ModelId, Query, cancellationToken);
        return answer.Report is null
            ? QueryResult.Refused(QueryFailure.FromWorker(answer.ErrorField!, answer.Error!, answer.NotFound))
            : QueryResult.Answered(WorstSliceJson.Write(ModelId, Query, answer.Report));
    }

    private static bool TryInteger(string? text, ref int value)
    {
        if (text is null)
        {
            return true;
        }

        var parsed = int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number);
        value = number;
        return parsed;
    }

    private static bool TryNumber(string? text, ref double value)
    {
        if (text is null)
        {
            return true;
        }

        var parsed = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number);
        value = number;
        return parsed;
    }
}
