using System.Buffers;
using System.Text.Json;
using OrleansEval.Models;

namespace OrleansEval.Gateway.Examples;

/// <summary>
/// One record per line in the shape the records endpoint accepts (predictionId, timestamp, version, environment,
/// features, tags, prediction, actual), so a line can be sent again as it is; a missing value is left out. The last
/// line is the answer's summary, <c>{"rows": n, "sampled": false}</c>, the one line without a predictionId.
/// </summary>
internal sealed class NdjsonExampleWriter : IExampleWriter
{
    private const int FlushBytes = 64 * 1024;

    private readonly Stream _body;
    private readonly ExampleColumns _columns;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushBytes * 2);
    private readonly Utf8JsonWriter _json;

    public NdjsonExampleWriter(Stream body, ExampleColumns columns)
    {
        _body = body;
        _columns = columns;
        _json = new Utf8JsonWriter(_buffer);
    }

    public string ContentType => "application/x-ndjson";

    public async Task WriteAsync(ExampleRow row, CancellationToken cancellationToken)
    {
        WriteRecord(row);
        EndLine();
        if (_buffer.WrittenCount >= FlushBytes)
        {
            await DrainAsync(cancellationToken);
        }
    }

    public async Task CompleteAsync(ExampleTally tally, CancellationToken cancellationToken)
    {
        _json.WriteStartObject();
        _json.WriteNumber("rows", tally.Rows);
        _json.WriteBoolean("sampled", tally.Sampled);
        _json.WriteEndObject();
        EndLine();
        await DrainAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _json.DisposeAsync();

    private void WriteRecord(ExampleRow row)
    {
        var (block, index) = (row.Block, row.Row);
        var (features, tags) = _columns.Of(block);
        _json.WriteStartObject();
        _json.WriteString("predictionId", block.PredictionIds[index]);
        _json.WriteString("timestamp", block.Timestamps[index].UtcDateTime);
        _json.WriteString("version", block.Series.Version);
        _json.WriteString("environment", block.Series.Environment);
        _json.WriteStartObject("features");
        for (var i = 0; i < features.Length; i++)
        {
            WriteValue(_columns.Features[i], features[i], index);
        }

        _json.WriteEndObject();
        _json.WriteStartObject("tags");
        for (var i = 0; i < tags.Length; i++)
        {
            WriteValue(_columns.Tags[i], tags[i], index);
        }

        _json.WriteEndObject();
        WritePrediction(row);
        WriteActual(row);
        _json.WriteEndObject();
    }

    private void WriteValue(FeatureDefinition definition, Rows.RowColumn? column, int row)
    {
        if (definition.Type == FeatureType.Numeric)
        {
            var number = ExampleColumns.Number(column, row);
            if (!double.IsNaN(number))
            {
                _json.WriteNumber(definition.Name, number);
            }
        }
        else if (ExampleColumns.Category(column, row) is { } category)
        {
            _json.WriteString(definition.Name, category);
        }
    }

    private void WritePrediction(ExampleRow row)
    {
        var (block, index) = (row.Block, row.Row);
        _json.WriteStartObject("prediction");
        if (_columns.IsRegression)
        {
            if (!double.IsNaN(block.PredictedValues[index]))
            {
                _json.WriteNumber("value", block.PredictedValues[index]);
            }
        }
        else
        {
            if (block.PredictedLabels[index] is { } label)
            {
                _json.WriteString("label", label);
            }

            if (!double.IsNaN(block.Scores[index]))
            {
                _json.WriteNumber("score", block.Scores[index]);
            }
        }

        _json.WriteEndObject();
    }

    private void WriteActual(ExampleRow row)
    {
        var (block, index) = (row.Block, row.Row);
        if (!block.IsLabelled(index))
        {
            return;
        }

        _json.WriteStartObject("actual");
        if (_columns.IsRegression)
        {
            _json.WriteNumber("value", block.ActualValues[index]);
        }
        else
        {
            _json.WriteString("label", block.ActualLabels[index]);
        }

        _json.WriteEndObject();
    }

    private void EndLine()
    {
        _json.Flush();
        _json.Reset();
        _buffer.Write("\n"u8);
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        await _body.WriteAsync(_buffer.WrittenMemory, cancellationToken);
        _buffer.ResetWrittenCount();
    }
}
