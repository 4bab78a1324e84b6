using System.Globalization;
using OrleansEval.Models;
using Parquet;
using Parquet.Schema;

namespace OrleansEval.Gateway.Examples;

/// <summary>
/// Apache Parquet with the columns of <see cref="FlatColumns"/>: strings for ids, series, labels and categorical
/// values, nullable doubles for numbers, a timestamp for the event time (UTC). Rows are sent a row group of
/// <see cref="RowGroupRows"/> at a time, so the answer never holds more than two; the footer's key-value metadata
/// carries the answer's summary, <c>orleanseval.rows</c> and <c>orleanseval.sampled</c>. A full row group is encoded on
/// the thread pool while the next one fills, so encoding overlaps reading and merging rows; one encoding runs at a time,
/// and what it wrote is sent before the next one starts.
/// </summary>
internal sealed class ParquetExampleWriter : IExampleWriter
{
    /// <summary>Rows per row group.</summary>
    public const int RowGroupRows = 5000;

    private readonly ForwardOnlyStream _body;
    private readonly ExampleColumns _columns;
    private readonly ParquetSchema _schema;
    private readonly ColumnBuffer[] _buffers;
    private ParquetWriter? _writer;
    private Task _encoding = Task.CompletedTask;
    private int _filling;
    private int _rows;

    public ParquetExampleWriter(Stream body, ExampleColumns columns, ModelDefinition model)
    {
        _body = new ForwardOnlyStream(body);
        _columns = columns;
        _buffers = [.. Buffers(model)];
        _schema = new ParquetSchema(_buffers.Select(b => b.Field).ToArray());
    }

    public string ContentType => "application/vnd.apache.parquet";

    public async Task WriteAsync(ExampleRow row, CancellationToken cancellationToken)
    {
        foreach (var buffer in _buffers)
        {
            buffer.Add(row, _filling, _rows);
        }

        if (++_rows == RowGroupRows)
        {
            await SentAsync(cancellationToken);
            _writer ??= await ParquetWriter.CreateAsync(_schema, _body, cancellationToken: cancellationToken);
            var (full, rows) = (_filling, _rows);
            _encoding = Task.Run(() => EncodeAsync(full, rows, cancellationToken), cancellationToken);
            (_filling, _rows) = (1 - _filling, 0);
        }
    }

    public async Task CompleteAsync(ExampleTally tally, CancellationToken cancellationToken)
    {
        await SentAsync(cancellationToken);
        _writer ??= await ParquetWriter.CreateAsync(_schema, _body, cancellationToken: cancellationToken);
        await EncodeAsync(_filling, _rows, cancellationToken);
        _rows = 0;

        _writer!.CustomMetadata = new Dictionary<string, string>
        {
            ["orleanseval.rows"] = tally.Rows.ToString(CultureInfo.InvariantCulture),
            ["orleanseval.sampled"] = tally.Sampled ? "true" : "false",
        };
        await _writer.DisposeAsync();
        _writer = null;
        await _body.DrainAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        // An encoding left running by a failed or abandoned answer ends before the writer it writes to is disposed.
        await _encoding.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        await _body.DisposeAsync();
    }

    // Waits for the row group being encoded and sends what it wrote.
    private async Task SentAsync(CancellationToken cancellationToken)
    {
        await _encoding;
        await _body.DrainAsync(cancellationToken);
    }

    private async Task EncodeAsync(int half, int rows, CancellationToken cancellationToken)
    {
        if (rows == 0)
        {
            return;
        }

        using var group = _writer!.CreateRowGroup();
        foreach (var buffer in _buffers)
        {
            await buffer.WriteAsync(group, half, rows, cancellationToken);
        }
    }

    private IEnumerable<ColumnBuffer> Buffers(ModelDefinition model)
    {
        yield return new TextBuffer("predictionId", r => r.PredictionId);
        yield return new TimeBuffer("timestamp");
        yield return new TextBuffer("version", r => r.Block.Series.Version);
        yield return new TextBuffer("environment", r => r.Block.Series.Environment);
        for (var i = 0; i < model.Features.Length; i++)
        {
            var at = i;
            var name = FlatColumns.Feature(model.Features[i].Name);
            yield return model.Features[i].Type == FeatureType.Numeric
                ? new NumberBuffer(name, r => ExampleColumns.Number(_columns.Of(r.Block).Features[at], r.Row))
                : new TextBuffer(name, r => ExampleColumns.Category(_columns.Of(r.Block).Features[at], r.Row));
        }

        for (var i = 0; i < model.Tags.Length; i++)
        {
            var at = i;
            var name = FlatColumns.Tag(model.Tags[i].Name);
            yield return model.Tags[i].Type == FeatureType.Numeric
                ? new NumberBuffer(name, r => ExampleColumns.Number(_columns.Of(r.Block).Tags[at], r.Row))
                : new TextBuffer(name, r => ExampleColumns.Category(_columns.Of(r.Block).Tags[at], r.Row));
        }

        if (model.Task == ModelTask.Regression)
        {
            yield return new NumberBuffer(FlatColumns.Regressor[0], r => r.Block.PredictedValues[r.Row]);
            yield return new NumberBuffer(FlatColumns.Regressor[1], r => r.Block.ActualValues[r.Row]);
        }
        else
        {
            yield return new TextBuffer(FlatColumns.Classifier[0], r => r.Block.PredictedLabels[r.Row]);
            yield return new NumberBuffer(FlatColumns.Classifier[1], r => r.Block.Scores[r.Row]);
            yield return new TextBuffer(FlatColumns.Classifier[2], r => r.Block.ActualLabels[r.Row]);
        }
    }

    /// <summary>One column's values of two row groups, in two halves: one filling while the other is encoded.</summary>
    private abstract class ColumnBuffer(DataField field)
    {
        public DataField Field { get; } = field;

        public abstract void Add(ExampleRow row, int half, int at);

        public abstract Task WriteAsync(ParquetRowGroupWriter group, int half, int rows, CancellationToken cancellationToken);
    }

    private sealed class TextBuffer(string name, Func<ExampleRow, string?> value) : ColumnBuffer(new DataField<string>(name, nullable: true))
    {
        private readonly string?[][] _values = [new string?[RowGroupRows], new string?[RowGroupRows]];

        public override void Add(ExampleRow row, int half, int at) => _values[half][at] = value(row);

        public override Task WriteAsync(ParquetRowGroupWriter group, int half, int rows, CancellationToken cancellationToken) =>
            group.WriteAsync(Field, new ArraySegment<string>(_values[half]!, 0, rows), null);
    }

    private sealed class NumberBuffer(string name, Func<ExampleRow, double> value) : ColumnBuffer(new DataField<double?>(name))
    {
        private readonly double?[][] _values = [new double?[RowGroupRows], new double?[RowGroupRows]];

        public override void Add(ExampleRow row, int half, int at) => _values[half][at] = value(row) is var v && double.IsNaN(v) ? null : v;

        public override Task WriteAsync(ParquetRowGroupWriter group, int half, int rows, CancellationToken cancellationToken) =>
            group.WriteAsync<double>(Field, _values[half].AsMemory(0, rows), null, null, cancellationToken);
    }

    private sealed class TimeBuffer(string name) : ColumnBuffer(new DataField<DateTime>(name))
    {
        private readonly DateTime[][] _values = [new DateTime[RowGroupRows], new DateTime[RowGroupRows]];

        public override void Add(ExampleRow row, int half, int at) => _values[half][at] = row.Timestamp.UtcDateTime;

        public override Task WriteAsync(ParquetRowGroupWriter group, int half, int rows, CancellationToken cancellationToken) =>
            group.WriteAsync<DateTime>(Field, _values[half].AsMemory(0, rows), null, null, cancellationToken);
    }
}
