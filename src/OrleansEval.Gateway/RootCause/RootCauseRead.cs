using OrleansEval.Gateway.Queries;
using OrleansEval.GrainInterfaces;
using OrleansEval.Keys;
using OrleansEval.RootCause;
using OrleansEval.Slices;

namespace OrleansEval.Gateway.RootCause;

/// <summary>
/// A checked root-cause question: the model, the series and window (at most 366 days), the baseline, the metric, and the
/// slice and conditions resolved against the model, each refused with its field and rule before the rows are read.
/// </summary>
internal sealed record RootCauseRead(string ModelId, RootCauseQuery Query)
{
    /// <summary>Checks <paramref name="fields"/>, asks the root-cause worker, and answers the document or the failure.</summary>
    public static async Task<QueryResult> AnswerAsync(RootCauseFields fields, IGrainFactory grains, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (query, failure) = Parse(fields, now);
        if (query is null)
        {
            return QueryResult.Refused(failure!);
        }

        var model = await grains.GetGrain<IModelGrain>(fields.ModelId).GetAsync();
        if (model is null)
        {
            return QueryResult.Refused(QueryFailure.FromWorker(fields.ModelIdField, $"model '{fields.ModelId}' is not registered", notFound: true));
        }

        var (conditions, invalidSlice) = SliceSelection.Resolve(fields.Slice, model, query.Conditions);
        return invalidSlice is not null
            ? QueryResult.Refused(invalidSlice)
            : await new RootCauseRead(fields.ModelId, query with { Conditions = conditions }).AskAsync(grains, cancellationToken);
    }

    /// <summary>Checks the model id, the window, the baseline's name, the metric and the syntax of every condition.</summary>
    public static (RootCauseQuery? Query, QueryFailure? Failure) Parse(RootCauseFields fields, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(fields);
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

        var (where, invalidWhere) = SliceSelection.ParseWhere(fields.Where);
        if (invalidWhere is not null)
        {
            return (null, invalidWhere);
        }

        var query = new RootCauseQuery
        {
            Baseline = fields.Baseline,
            Version = window.Series.Version,
            Environment = window.Series.Environment,
            From = window.From,
            To = window.To,
            Metric = fields.Metric,
            Slice = fields.Slice is null or SliceKey.All ? null : fields.Slice,
            Conditions = where,
            Source = fields.Source,
        };
        return RootCauseRules.Check(query) is { } broken ? (null, QueryFailure.Invalid(broken.Field, broken.Rule)) : (query, null);
    }

    /// <summary>Sends the question to the silo and writes its report; cancelling stops the read there.</summary>
    public async Task<QueryResult> AskAsync(IGrainFactory grains, CancellationToken cancellationToken)
    {
        var answer = await grains.GetGrain<IRootCauseWorker>(0).RootCauseAsync(ModelId, Query, cancellationToken);
        return answer.Report is null
            ? QueryResult.Refused(QueryFailure.FromWorker(answer.ErrorField!, answer.Error!, answer.NotFound))
            : QueryResult.Answered(RootCauseJson.Write(ModelId, answer.Report));
    }
}
