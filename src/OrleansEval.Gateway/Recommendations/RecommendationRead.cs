using OrleansEval.Gateway.Queries;
using OrleansEval.GrainInterfaces;
using OrleansEval.Keys;
using OrleansEval.Recommendations;
using OrleansEval.RootCause;

namespace OrleansEval.Gateway.Recommendations;

/// <summary>
/// A checked recommendation question: the model, the window (at most <see cref="RootCauseRules.LongestWindow"/>) and
/// the baseline, each refused with its field and rule before the silo is asked.
/// </summary>
internal sealed record RecommendationRead(string ModelId, RecommendationQuery Query)
{
    /// <summary>Checks <paramref name="fields"/>, asks the recommendation worker, and answers the document or the failure.</summary>
    public static async Task<QueryResult> AnswerAsync(RecommendationFields fields, IGrainFactory grains, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (read, failure) = Parse(fields, now);
        return read is null ? QueryResult.Refused(failure!) : await read.AskAsync(grains, cancellationToken);
    }

    /// <summary>Checks the model, the window, then the baseline, reporting the first field at fault.</summary>
    public static (RecommendationRead? Read, QueryFailure? Failure) Parse(RecommendationFields fields, DateTimeOffset now)
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

        var query = new RecommendationQuery
        {
            Baseline = fields.Baseline,
            Version = window.Series.Version,
            Environment = window.Series.Environment,
            From = window.From,
            To = window.To,
        };
        return RootCauseRules.Check(new RootCauseQuery { From = query.From, To = query.To }) is { } broken
            ? (null, QueryFailure.Invalid(broken.Field, broken.Rule))
            : (new RecommendationRead(fields.ModelId, query), null);
    }

    /// <summary>Sends the question to the silo and writes its report.</summary>
    public async Task<QueryResult> AskAsync(IGrainFactory grains, CancellationToken cancellationToken)
    {
        var answer = await grains.GetGrain<IRecommendationWorker>(0).RecommendAsync(ModelId, Query, cancellationToken);
        return answer.Report is null
            ? QueryResult.Refused(QueryFailure.FromWorker(answer.ErrorField!, answer.Error!, answer.NotFound))
            : QueryResult.Answered(RecommendationJson.Write(answer.Report));
    }
}
