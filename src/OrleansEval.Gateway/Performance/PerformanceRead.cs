using OrleansEval.Gateway.Http;
using OrleansEval.Gateway.Queries;
using OrleansEval.GrainInterfaces;
using OrleansEval.Keys;
using OrleansEval.Performance;
using OrleansEval.Slices;

namespace OrleansEval.Gateway.Performance;

/// <summary>
/// A checked performance read: realised and estimated metrics of a slice, over a window and as a time series. Both
/// protocols build it from their <see cref="PerformanceFields"/> and adapt its <see cref="QueryResult"/>.
/// </summary>
internal sealed record PerformanceRead(string ModelId, PerformanceQuery Query)
{
    /// <summary>Checks <paramref name="fields"/>, asks the query worker, and answers the performance document or the failure.</summary>
    public static async Task<QueryResult> AnswerAsync(PerformanceFields fields, IGrainFactory grains, DateTimeOffset now)
    {
        var (read, failure) = Parse(fields, now);
        return read is null ? QueryResult.Refused(failure!) : await read.AskAsync(grains);
    }

    /// <summary>Checks the model, then the slice, then the window, then the granularity, reporting the first field at fault.</summary>
    public static (PerformanceRead? Read, QueryFailure? Failure) Parse(PerformanceFields fields, DateTimeOffset now)
    {
        if (QueryFailure.OfName(fields.ModelIdField, NameKind.Model, fields.ModelId) is { } invalidModel)
        {
            return (null, invalidModel);
        }

        if (SliceKey.Check(fields.Slice) is { } invalidSlice)
        {
            return (null, QueryFailure.Invalid("slice", invalidSlice));
        }

        var (window, failure) = WindowQuery.Read(fields.Window, now);
        if (window is null)
        {
            return (null, failure);
        }

        var monthly = fields.Granularity is "month" or "1mo";
        TimeSpan? granularity = null;
        if (fields.Granularity is not null && !monthly)
        {
            if (!Durations.TryParse(fields.Granularity, out var step))
            {
                return (null, QueryFailure.Invalid("granularity", "must be a duration such as 1h or 1d, or 'month'"));
            }

            granularity = step;
        }

        var query = new PerformanceQuery(window.Series.Version, window.Series.Environment, window.From, window.To, fields.Slice, granularity, monthly);
        return (new PerformanceRead(fields.ModelId, query), null);
    }

    /// <summary>Sends the read to the query worker and writes its report as the performance document.</summary>
    public async Task<QueryResult> AskAsync(IGrainFactory grains)
    {
        var answer = await grains.GetGrain<IQueryWorker>(0).GetPerformanceAsync(ModelId, Query);
        return answer.Report is null
            ? QueryResult.Refused(QueryFailure.FromWorker(answer.ErrorField!, answer.Error!, answer.NotFound))
            : QueryResult.Answered(PerformanceJson.Write(answer.Report));
    }
}
