using System.Globalization;
using System.Text;
using OrleansEval.Models;

namespace OrleansEval.Gateway.Examples;

/// <summary>
/// RFC 4180 CSV (CRLF line ends) with a header row of <see cref="FlatColumns"/>: a field holding a comma, a quote, a
/// line break, leading or trailing space, starting with '#', or empty is quoted with its quotes doubled; a missing value is an
/// unquoted empty field; numbers are in their shortest round-trip form, times RFC 3339 in UTC. The last line is the answer's
/// summary as a comment, <c># rows=n sampled=false</c> (pandas: <c>comment='#'</c>).
/// </summary>
internal sealed class CsvExampleWriter(Stream body, ExampleColumns columns, ModelDefinition model) : IExampleWriter
{
    private const int FlushChars = 32 * 1024;

    private readonly StringBuilder _text = new(FlushChars * 2);
    private bool _headerWritten;

    public string ContentType => "text/csv; charset=utf-8";

    public async Task WriteAsync(ExampleRow row, CancellationToken cancellationToken)
    {
        WriteHeaderOnce();
        WriteRow(row);
        if (_text.Length >= FlushChars)
        {
            await DrainAsync(cancellationToken);
        }
    }

    public async Task CompleteAsync(ExampleTally tally, CancellationToken cancellationToken)
    {
        WriteHeaderOnce();
        _text.Append(CultureInfo.InvariantCulture, $"# rows={tally.Rows} sampled={(tally.Sampled ? "true" : "false")}\r\n");
        await DrainAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>A field as RFC 4180 writes it.</summary>
    public static string Quote(string field)
    {
        var needsQuotes = field.Length == 0
            || field.AsSpan().IndexOfAny(",\"\r\n") >= 0 || field[0] is '#' or ' ' || field[^1] == ' ';
        return needsQuotes ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }

    private void WriteHeaderOnce()
    {
        if (!_headerWritten)
        {
            _text.AppendJoin(',', FlatColumns.Of(model).Select(Quote)).Append("\r\n");
            _headerWritten = true;
        }
    }

    private void WriteRow(ExampleRow row)
    {
        var (block, index) = (row.Block, row.Row);
        var (features, tags) = columns.Of(block);
        Field(block.PredictionIds[index], first: true);
        Field(block.Timestamps[index].UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
        Field(block.Series.Version);
        Field(block.Series.Environment);
        for (var i = 0; i < features.Length; i++)
        {
            Value(columns.Features[i], features[i], index);
        }

        for (var i = 0; i < tags.Length; i++)
        {
            Value(columns.Tags[i], tags[i], index);
        }

        if (columns.IsRegression)
        {
            Number(block.PredictedValues[index]);
            Number(block.ActualValues[index]);
        }
        else
        {
            Field(block.PredictedLabels[index]);
            Number(block.Scores[index]);
            Field(block.ActualLabels[index]);
        }

        _text.Append("\r\n");
    }

    private void Value(FeatureDefinition definition, Rows.RowColumn? column, int row)
    {
        if (definition.Type == FeatureType.Numeric)
        {
            Number(ExampleColumns.Number(column, row));
        }
        else
        {
            Field(ExampleColumns.Category(column, row));
        }
    }

    private void Number(double value) => Field(double.IsNaN(value) ? null : value.ToString("R", CultureInfo.InvariantCulture));

    private void Field(string? value, bool first = false)
    {
        if (!first)
        {
            _text.Append(',');
        }

        if (value is not null)
        {
            _text.Append(Quote(value));
        }
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(_text.ToString());
        _text.Clear();
        await body.WriteAsync(bytes, cancellationToken);
    }
}
