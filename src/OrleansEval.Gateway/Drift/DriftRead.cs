using OrleansEval.Drift;
using OrleansEval.Gateway.Queries;
using OrleansEval.GrainInterfaces;
using OrleansEval.Keys;

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
        return read is null ? QueryResult.Refused(failure!) : await read.AskAsync(grains);
    }

    /// <summary>Checks the model, then the baseline, then the window, reporting the first field at fault.</summary>
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
        return window is null
            ? (null, failure)
            : (new DriftRead(fields.ModelId, new DriftQuery(fields.Baseline, window.Series.Version, window.Series.Environment, window.From, window.To)), null);
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
