using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansEval.GrainInterfaces;

namespace OrleansEval.Gateway.Examples;

/// <summary>
/// GET /v1/models/{modelId}/examples: the kept rows of a slice and window, newest first, each the record as accepted
/// with its current actual, streamed as they are read from the row store. The client going away cancels the read on
/// the silo.
/// </summary>
internal static class ExampleEndpoints
{
    /// <summary>Header saying whether the rows answered are a sample, sent when the whole window was read before the first row.</summary>
    public const string SampledHeader = "X-Rows-Sampled";

    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/v1/models/{modelId}/examples", AnswerAsync);

    private static async Task AnswerAsync(string modelId, HttpContext context, IGrainFactory grains, TimeProvider time)
    {
        var (query, problem) = await ExampleQueryReader.ReadAsync(modelId, context.Request.Query, grains, time.GetUtcNow());
        if (problem is not null)
        {
            await problem.ExecuteAsync(context);
            return;
        }

        var aborted = context.RequestAborted;
        try
        {
            await StreamAsync(query!, context.Response, grains, aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away; the read on the silo was cancelled with it and nothing is left to answer.
        }
    }

    private static async Task StreamAsync(ExampleQuery query, HttpResponse response, IGrainFactory grains, CancellationToken aborted)
    {
        var tally = new ExampleTally();
        var blocks = grains.GetGrain<IRowReader>(0).ReadAsync(query.Rows, aborted);
        var rows = NewestFirst.MergeAsync(blocks, new ExampleSelection(query), tally, aborted);
        await using var writer = Writer(query, response.Body);
        await using var next = rows.GetAsyncEnumerator(aborted);

        // The first row needs the newest day read: when that was the whole window, the answer's sampling is known now.
        var more = await next.MoveNextAsync();
        response.ContentType = writer.ContentType;
        if (tally.ReadToEnd)
        {
            response.Headers[SampledHeader] = tally.Sampled ? "true" : "false";
        }

        while (more)
        {
            await writer.WriteAsync(next.Current, aborted);
            tally.Rows++;
            if (tally.Rows == query.Limit)
            {
                break;
            }

            more = await next.MoveNextAsync();
        }

        await writer.CompleteAsync(tally, aborted);
    }

    private static IExampleWriter Writer(ExampleQuery query, Stream body)
    {
        var model = query.Model.Definition;
        var columns = new ExampleColumns(model);
        return query.Format switch
        {
            ExampleFormat.Csv => new CsvExampleWriter(body, columns, model),
            ExampleFormat.Parquet => new ParquetExampleWriter(body, columns, model),
            _ => new NdjsonExampleWriter(body, columns),
        };
    }
}
