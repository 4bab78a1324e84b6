using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansEval.Gateway.Observability;
using OrleansEval.Gateway.Records;
using OrleansEval.GrainInterfaces;
using OrleansEval.Rows;

namespace OrleansEval.Gateway.Examples;

/// <summary>
/// GET /v1/models/{modelId}/examples: the kept rows of a slice and window, newest first, each the record as accepted
/// with its current actual, streamed as they are read from the row store. The client going away cancels the read on
/// the silo.
/// </summary>
internal static class ExampleEndpoints
{
    /// <summary>Header saying whether the rows answered are a sample, sent when every row answered was read before the first byte.</summary>
    public const string SampledHeader = "X-Rows-Sampled";

    /// <summary>Most rows read before the answer starts, to learn whether they are all of it.</summary>
    public const int ReadAhead = 10_000;

    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/v1/models/{modelId}/examples", AnswerAsync)
        .WithMetadata(
        [
            new NdjsonLines(Request: false, [typeof(PredictionRecordBody), typeof(ExampleSummaryLine)]),
            new FileAnswer("text/csv", "With format=csv: RFC 4180 with a header, the summary as a last `#` comment line."),
            new FileAnswer("application/vnd.apache.parquet", "With format=parquet: the same columns, the summary in the file's key-value metadata."),
            WindowParameters.AnyVersion,
            WindowParameters.AnyEnvironment,
            WindowParameters.From,
            WindowParameters.To,
            new QueryParameter("slice", "A named slice or an elementary slice such as `location = Seattle`; all or absent: every row.", "location = Seattle"),
            new QueryParameter("where", "A condition in the slice syntax, repeatable; the conditions are a conjunction.", "temp_max in [15, inf)"),
            new QueryParameter("labelled", "true: rows with an actual; false: rows without.", "true"),
            new QueryParameter("misclassified", "true: labelled rows whose prediction is wrong; false: labelled rows whose prediction is right.", "true"),
            new QueryParameter("minError", "A finite number of at least 0: the absolute error above which a regression's row is misclassified.", "2.5"),
            new QueryParameter("limit", "At most this many rows, at least 1 (default: every row).", "100"),
            new QueryParameter("format", "ndjson (the default), csv or parquet.", "ndjson"),
        ]);

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
            var blocks = grains.ReadRowsAsync(query!.Rows, aborted);
            await StreamAsync(query, blocks, context.Response, aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away; the read on the silo was cancelled with it and nothing is left to answer.
        }
    }

    /// <summary>
    /// Writes the selected rows of <paramref name="blocks"/> to <paramref name="response"/> as they come; the read
    /// stops, throwing <see cref="OperationCanceledException"/>, once <paramref name="aborted"/> is cancelled.
    /// </summary>
    public static async Task StreamAsync(ExampleQuery query, IAsyncEnumerable<RowBlock> blocks, HttpResponse response, CancellationToken aborted)
    {
        var tally = new ExampleTally();
        var rows = NewestFirst.MergeAsync(blocks, new ExampleSelection(query), tally, aborted);
        await using var writer = Writer(query, response.Body);
        await using var next = rows.GetAsyncEnumerator(aborted);

        // Up to ReadAhead rows are read before the first byte: when they are the whole answer, its sampling is known.
        var ahead = new List<ExampleRow>();
        var more = await next.MoveNextAsync();
        while (more && ahead.Count < ReadAhead && ahead.Count != query.Limit)
        {
            ahead.Add(next.Current);
            more = ahead.Count != query.Limit && await next.MoveNextAsync();
        }

        response.ContentType = writer.ContentType;
        if (!more)
        {
            response.Headers[SampledHeader] = tally.Sampled ? "true" : "false";
        }

        foreach (var row in ahead)
        {
            await writer.WriteAsync(row, aborted);
            tally.Rows++;
        }

        while (more && tally.Rows != query.Limit)
        {
            await writer.WriteAsync(next.Current, aborted);
            tally.Rows++;
            more = tally.Rows != query.Limit && await next.MoveNextAsync();
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
