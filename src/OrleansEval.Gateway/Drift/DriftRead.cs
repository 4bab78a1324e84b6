using OrleansEval.Drift;
using OrleansEval.Gateway.Queries;
using OrleansEval.GrainInterfaces;
using OrleansEval.Keys;
using OrleansEval.Slices;

namespace OrleansEval.Gateway.Drift;

/// <summary>
/// A checked drift read: every column's drift in a window against a baseline. Both protocols build it from their
/// <see cref="DriftFields"/> and adapt its <see cref="QueryResult"/>, so their answers and failures are one.
/// </summary>
internal sealed record DriftRead(string ModelId, DriftQuery Query)
{
    /// <summary>Checks <paramref name="fields"/>, asks the query worker, and answers the drift document or the failure.</summary>
    public static async Task<QueryResult> AnswerAsync(DriftFields fields, IGrainFactory grains, DateTimeOffset now)
    {
        var (read, failure) = Parse(fields, now);
        if (read is null)
        {
            return QueryResult.Refused(failure!);
        }

        if (!read.Query.IsSliced && read.Query.Slice is null)
        {
            return await read.AskAsync(grains);
        }

        var model = await grains.GetGrain<IModelGrain>(fields.ModelId).GetAsync();
        if (model is null)
        {
            return QueryResult.Refused(QueryFailure.FromWorker(fields.ModelIdField, $"model '{fields.ModelId}' is not registered", notFound: true));
        }

        var (conditions, invalidSlice) = SliceSelection.Resolve(read.Query.Slice, model, read.Query.IsSliced ? read.Query.Conditions : []);
        return invalidSlice is not null
            ? QueryResult.Refused(invalidSlice)
            : await (read with { Query = read.Query with { Conditions = conditions } }).AskAsync(grains);
    }

    /// <summary>
    /// Checks the model, then the baseline, then the window, then the syntax of every condition, reporting the first
    /// field at fault; the slice and conditions are checked against the model by <see cref="AnswerAsync"/>.
    /// </summary>
    public static (DriftRead? Read, QueryFailure? Failure) Parse(DriftFields fields, DateTimeOffset now)
    {
        if (QueryFailure.OfName(fields.ModelIdField, NameKind.Model, fields.ModelId) is { } invalidModel)
        {
            return (null, invalidModel);
        }

        if (string.IsNullOrEmpty(fields.Baseline))
        {
            return (null, QueryFailure.Invalid("baseline", "is required: the name of a frozen baseline"));
        }

        if (QueryFailure.OfName("baseline", NameKind.Name, fields.Baseline) is { } invalidBaseline)
        {
            return (null, invalidBaseline);
        }

        var (window, failure) = WindowQuery.Read(fields.Window, now);
        if (window is null)
        {
            return (null, failure);
        }

        var (where, invalidWhere) = SliceSelection.ParseWhere(fields.Where ?? []);
        if (invalidWhere is not null)
        {
            return (null, invalidWhere);
        }

        var slice = fields.Slice is null or SliceKey.All ? null : fields.Slice;
        // An unsliced read carries no conditions at all (default), so it is the very query it was before slices.
        var conditions = where.IsEmpty ? default : where;
        return (new DriftRead(fields.ModelId, new DriftQuery(fields.Baseline, window.Series.Version, window.Series.Environment, window.From, window.To, slice, conditions)), null);
    }

    /// <summary>Sends the read to the query worker and writes its report as the drift document.</summary>
    public async Task<QueryResult> AskAsync(IGrainFactory grains)
    {
        var answer = await grains.GetGrain<IQueryWorker>(0).GetDriftAsync(ModelId, Query);
        return answer.Report is null
            ? QueryResult.Refused(QueryFailure.FromWorker(answer.ErrorField!, answer.Error!, answer.NotFound))
            : QueryResult.Answered(DriftJson.Write(answer.Report));
    }
}
