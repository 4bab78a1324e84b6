using System.Threading.Channels;

namespace OrleansEval.Client;

/// <summary>
/// Buffers records and sends them in batches of <c>batchSize</c>, or when the oldest unsent record has waited
/// <c>maxDelay</c>. The buffer is a bounded channel, so <see cref="AddAsync"/> waits while it is full: producers are
/// slowed to the pace the store takes. <see cref="FlushAsync"/> sends everything added before it;
/// <see cref="DisposeAsync"/> flushes and stops. Batches are sent one at a time, in order.
/// </summary>
public sealed class RecordBatcher : IAsyncDisposable
{
    private readonly Channel<Item> _channel;
    private readonly Func<IReadOnlyList<PredictionRecord>, CancellationToken, Task<IngestAnswer>> _send;
    private readonly int _batchSize;
    private readonly TimeSpan _maxDelay;
    private readonly ITimer _timer;
    private readonly Task _loop;
    private readonly CancellationTokenSource _stopping = new();
    private long _generation;
    private long _accepted;
    private long _rejected;
    private volatile Exception? _failure;

    /// <summary>Batches records for one model of <paramref name="client"/>.</summary>
    /// <param name="client">Sends the batches.</param>
    /// <param name="modelId">The model the records belong to.</param>
    /// <param name="batchSize">Records per batch.</param>
    /// <param name="maxDelay">Longest time a record waits for its batch to fill; one second when null.</param>
    /// <param name="capacity">Records buffered before <see cref="AddAsync"/> waits; twice the batch size when 0.</param>
    public RecordBatcher(OrleansEvalClient client, string modelId, int batchSize = 500, TimeSpan? maxDelay = null, int capacity = 0)
        : this((records, cancellationToken) => client.SendRecordsAsync(modelId, records, cancellationToken: cancellationToken), batchSize, maxDelay, capacity)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(modelId);
    }

    /// <summary>Batches records for any sender, on the given clock.</summary>
    /// <param name="send">Sends one batch.</param>
    /// <param name="batchSize">Records per batch.</param>
    /// <param name="maxDelay">Longest time a record waits for its batch to fill; one second when null.</param>
    /// <param name="capacity">Records buffered before <see cref="AddAsync"/> waits; twice the batch size when 0.</param>
    /// <param name="timeProvider">The clock of <paramref name="maxDelay"/>; the system clock when null.</param>
    public RecordBatcher(Func<IReadOnlyList<PredictionRecord>, CancellationToken, Task<IngestAnswer>> send, int batchSize = 500,
        TimeSpan? maxDelay = null, int capacity = 0, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(send);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        capacity = capacity == 0 ? 2 * batchSize : capacity;
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, batchSize);
        _send = send;
        _batchSize = batchSize;
        _maxDelay = maxDelay ?? TimeSpan.FromSeconds(1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_maxDelay, TimeSpan.Zero);

        // Flush markers and timer ticks travel in the same channel as the records, so they keep their place in line.
        // A tick that finds the channel full is dropped: a full channel holds at least a batch, which is sent at once.
        _channel = Channel.CreateBounded<Item>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _timer = (timeProvider ?? TimeProvider.System).CreateTimer(
            _ => _channel.Writer.TryWrite(new Item(null, null, Interlocked.Read(ref _generation))), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Records the store has accepted so far.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Records the store has rejected so far.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Called after each batch with the store's answer, on the batcher's own task.</summary>
    public Action<IReadOnlyList<PredictionRecord>, IngestAnswer>? BatchSent { get; init; }

    /// <summary>Adds a record; waits while the buffer is full. Throws once a batch has failed to send.</summary>
    public ValueTask AddAsync(PredictionRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ThrowIfFailed();
        return _channel.Writer.WriteAsync(new Item(record, null, 0), cancellationToken);
    }

    /// <summary>Sends every record added before this call; throws if a batch has failed to send.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfFailed();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _channel.Writer.WriteAsync(new Item(null, done, 0), cancellationToken);
        await done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Flushes, then stops; a failure of the last batches is thrown here.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_failure is null)
            {
                await FlushAsync();
            }
        }
        finally
        {
            _channel.Writer.TryComplete();
            await _stopping.CancelAsync();
            await _loop;
            await _timer.DisposeAsync();
            _stopping.Dispose();
        }

        ThrowIfFailed();
    }

    private void ThrowIfFailed()
    {
        if (_failure is { } failure)
        {
            throw new InvalidOperationException("A batch could not be sent; the batcher takes no more records.", failure);
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<PredictionRecord>(_batchSize);
        await foreach (var item in _channel.Reader.ReadAllAsync())
        {
            if (item.Record is { } record)
            {
                if (_failure is not null)
                {
                    continue;
                }

                batch.Add(record);
                if (batch.Count == 1)
                {
                    Interlocked.Increment(ref _generation);
                    _timer.Change(_maxDelay, Timeout.InfiniteTimeSpan);
                }

                if (batch.Count == _batchSize)
                {
                    await SendAsync(batch);
                }
            }
            else if (item.Flushed is { } flushed)
            {
                await SendAsync(batch);
                if (_failure is { } failure)
                {
                    flushed.TrySetException(new InvalidOperationException("A batch could not be sent.", failure));
                }
                else
                {
                    flushed.TrySetResult();
                }
            }
            else if (item.Generation == Interlocked.Read(ref _generation))
            {
                // The tick of the batch being filled, not a late one of a batch already sent.
                await SendAsync(batch);
            }
        }
    }

    private async Task SendAsync(List<PredictionRecord> batch)
    {
        if (batch.Count == 0 || _failure is not null)
        {
            batch.Clear();
            return;
        }

        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Interlocked.Increment(ref _generation);
        var records = batch.ToArray();
        batch.Clear();
        try
        {
            var answer = await _send(records, _stopping.Token);
            Interlocked.Add(ref _accepted, answer.Accepted);
            Interlocked.Add(ref _rejected, answer.Rejected.Count);
            BatchSent?.Invoke(records, answer);
        }
        catch (Exception e)
        {
            _failure = e;
        }
    }

    /// <summary>A record, a flush marker, or a timer tick of one batch generation.</summary>
    private sealed record Item(PredictionRecord? Record, TaskCompletionSource? Flushed, long Generation);
}
