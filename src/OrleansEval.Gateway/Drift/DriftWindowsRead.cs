using OrleansEval.Drift;
using OrleansEval.Gateway.Http;
using OrleansEval.Gateway.Queries;
using OrleansEval.GrainInterfaces;

namespace OrleansEval.Gateway.Drift;

/// <summary>
/// A checked drift read over a sequence of windows: the model, baseline and span checked as a single-window drift read
/// checks them, then the step, which must be a duration of at most 366 days or "month" and cut the span into at most
/// <see cref="DriftWindowsQuery.MaxWindows"/> windows.
/// </summary>
internal sealed record DriftWindowsRead(string ModelId, DriftWindowsQuery Query)
{
    private const string GranularityRule = "a duration such as 1d or 7d, or 'month'";

    /// <summary>Checks <paramref name="fields"/>, asks the query worker, and answers the document or the failure.</summary>
    public static async Task<QueryResult> AnswerAsync(DriftWindowsFields fields, IGrainFactory grains, DateTimeOffset now)
    {
        var (read, failure) = Parse(fields, now);
        return read is null ? QueryResult.Refused(failure!) : await read.AskAsync(grains);
    }

    /// <summary>Checks the model, the baseline and the span (as <see cref="DriftRead.Parse"/>), then the granularity, reporting the first field at fault.</summary>
    public static (DriftWindowsRead? Read, QueryFailure? Failure) Parse(DriftWindowsFields fields, DateTimeOffset now)
    {
        var (drift, failure) = DriftRead.Parse(fields.Drift, now);
        if (drift is null)
        {
            return (null, failure);
        }

        var (from, to) = (drift.Query.From, drift.Query.To);
        var monthly = fields.Granularity is "month" or "1mo";
        TimeSpan? step = null;
        if (!monthly)
        {
            if (fields.Granularity is null)
            {
                return (null, QueryFailure.Invalid("granularity", "is required: " + GranularityRule));
            }

            if (!Durations.TryParse(fields.Granularity, out var size))
            {
                return (null, QueryFailure.Invalid("granularity", "must be " + GranularityRule));
            }

            if (size > DriftWindowsQuery.MaxStep)
            {
                return (null, QueryFailure.Invalid("granularity", $"must be at most {DriftWindowsQuery.MaxStep.TotalDays:F0} days"));
            }

            step = size;
        }

        var windows = monthly ? Months(from, to) : (to - from).Ticks / step!.Value.Ticks + ((to - from).Ticks % step.Value.Ticks == 0 ? 0 : 1);
        if (windows > DriftWindowsQuery.MaxWindows)
        {
            return (null, QueryFailure.Invalid("granularity", $"cuts the window into {windows} windows, more than {DriftWindowsQuery.MaxWindows}: choose a coarser step or a shorter window"));
        }

        return (new DriftWindowsRead(drift.ModelId, new DriftWindowsQuery(drift.Query.Baseline, drift.Query.Version, drift.Query.Environment, from, to, step, monthly)), null);
    }

    /// <summary>Sends the read to the query worker and writes its reports as one document.</summary>
    public async Task<QueryResult> AskAsync(IGrainFactory grains)
    {
        var answer = await grains.GetGrain<IQueryWorker>(0).GetDriftWindowsAsync(ModelId, Query);
        return answer.ErrorField is not null
            ? QueryResult.Refused(QueryFailure.FromWorker(answer.ErrorField, answer.Error!, answer.NotFound))
            : QueryResult.Answered(DriftWindowsJson.Write(this, answer.Reports));
    }

    // The calendar months (UTC) that [from, to) touches.
    private static long Months(DateTimeOffset from, DateTimeOffset to)
    {
        var last = to.AddTicks(-1);
        return ((last.Year - from.Year) * 12L) + last.Month - from.Month + 1;
    }
}
