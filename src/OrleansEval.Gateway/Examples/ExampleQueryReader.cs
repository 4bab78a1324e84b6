using System.Globalization;
using Microsoft.AspNetCore.Http;
using OrleansEval.Gateway.Http;
using OrleansEval.Gateway.Queries;
using OrleansEval.GrainInterfaces;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Rows;

namespace OrleansEval.Gateway.Examples;

/// <summary>
/// Reads the query string of GET /v1/models/{modelId}/examples into an <see cref="ExampleQuery"/>, or the problem that
/// names the first field at fault: the syntax of every field first, then what needs the model (404 when it is not
/// registered): the columns of the conditions, the named slice, and <c>minError</c> against the task.
/// </summary>
internal static class ExampleQueryReader
{
    /// <summary>Longest window an examples read may span.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(366);

    public static async Task<(ExampleQuery? Query, IResult? Problem)> ReadAsync(string modelId, IQueryCollection query, IGrainFactory grains, DateTimeOffset now)
    {
        if (NameChecks.Problem("modelId", NameKind.Model, modelId) is { } invalidModel)
        {
            return (null, invalidModel);
        }

        var fields = HttpQueries.Window(query);
        if (Series(fields) is { } invalidSeries)
        {
            return (null, invalidSeries);
        }

        var (window, failure) = WindowQuery.Read(fields, now);
        if (failure is not null)
        {
            return (null, HttpQueries.Problem(failure));
        }

        if (window!.To - window.From > MaxWindow)
        {
            return (null, Problems.BadRequest("from", $"the window must span at most {MaxWindow.TotalDays:0} days"));
        }

        var (options, invalid) = ReadOptions(query);
        if (invalid is not null)
        {
            return (null, invalid);
        }

        var (conditions, invalidWhere) = SliceSelection.ParseWhere(query["where"]);
        if (invalidWhere is not null)
        {
            return (null, HttpQueries.Problem(invalidWhere));
        }

        var model = await grains.GetGrain<IModelGrain>(modelId).GetAsync();
        if (model is null)
        {
            return (null, Problems.NotFound("modelId", $"model '{modelId}' is not registered"));
        }

        var (slice, invalidSlice) = SliceSelection.Resolve(HttpQueries.Field(query, "slice"), model, conditions);
        if (invalidSlice is not null)
        {
            return (null, HttpQueries.Problem(invalidSlice));
        }

        if (MinErrorProblem(options, model.Definition.Task) is { } invalidMinError)
        {
            return (null, invalidMinError);
        }

        var rows = new RowQuery(modelId, fields.Version, fields.Environment, window.From, window.To);
        return (new ExampleQuery(model, rows, new RowFilter(slice), options.Labelled, options.Misclassified, options.MinError, options.Limit, options.Format), null);
    }

    private static IResult? Series(WindowFields fields) =>
        (fields.Version is { } version ? NameChecks.Problem("version", NameKind.Name, version) : null)
        ?? (fields.Environment is { } environment ? NameChecks.Problem("environment", NameKind.Environment, environment) : null);

    private static (Options Options, IResult? Problem) ReadOptions(IQueryCollection query)
    {
        var options = new Options(null, null, null, null, ExampleFormat.Ndjson);
        var format = HttpQueries.Field(query, "format");
        if (format is not null)
        {
            if (!TryFormat(format, out var parsed))
            {
                return (options, Problems.BadRequest("format", $"{Quoting.Quote(format)} must be ndjson, csv or parquet"));
            }

            options = options with { Format = parsed };
        }

        var limit = HttpQueries.Field(query, "limit");
        if (limit is not null)
        {
            if (!long.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1)
            {
                return (options, Problems.BadRequest("limit", $"{Quoting.Quote(limit)} must be a whole number of at least 1"));
            }

            options = options with { Limit = parsed };
        }

        if (!TryFlag(query, "labelled", out var labelled, out var problem) || !TryFlag(query, "misclassified", out var misclassified, out problem))
        {
            return (options, problem);
        }

        options = options with { Labelled = labelled, Misclassified = misclassified };
        var minError = HttpQueries.Field(query, "minError");
        if (minError is not null)
        {
            if (!double.TryParse(minError, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) || !double.IsFinite(parsed) || parsed < 0)
            {
                return (options, Problems.BadRequest("minError", $"{Quoting.Quote(minError)} must be a finite number of at least 0"));
            }

            options = options with { MinError = parsed };
        }

        return (options, null);
    }

    private static bool TryFormat(string text, out ExampleFormat format)
    {
        (var known, format) = text switch
        {
            "ndjson" => (true, ExampleFormat.Ndjson),
            "csv" => (true, ExampleFormat.Csv),
            "parquet" => (true, ExampleFormat.Parquet),
            _ => (false, ExampleFormat.Ndjson),
        };
        return known;
    }

    private static bool TryFlag(IQueryCollection query, string name, out bool? value, out IResult? problem)
    {
        value = null;
        problem = null;
        switch (HttpQueries.Field(query, name))
        {
            case null:
                return true;
            case "true":
                value = true;
                return true;
            case "false":
                value = false;
                return true;
            case var text:
                problem = Problems.BadRequest(name, $"{Quoting.Quote(text)} must be true or false");
                return false;
        }
    }

    private static IResult? MinErrorProblem(Options options, ModelTask task)
    {
        if (task != ModelTask.Regression)
        {
            return options.MinError is null ? null : Problems.BadRequest("minError", "applies to regression models only");
        }

        return options.Misclassified == true && options.MinError is null
            ? Problems.BadRequest("minError", "is required with misclassified=true for a regression model: the absolute error above which a row counts")
            : null;
    }

    /// <summary>The fields of a request that need no model: label conditions, limit and format.</summary>
    private sealed record Options(bool? Labelled, bool? Misclassified, double? MinError, long? Limit, ExampleFormat Format);
}
