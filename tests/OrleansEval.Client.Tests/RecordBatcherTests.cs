using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using OrleansEval.Testing;

namespace OrleansEval.Client.Tests;

public sealed class RecordBatcherTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static PredictionRecord Record(int i) => new()
    {
        PredictionId = $"p-{i}",
        Timestamp = new DateTimeOffset(2013, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Prediction = new Prediction("0", 0.25),
    };

    /// <summary>A sender that keeps every batch and answers that all were accepted.</summary>
    private sealed class Sink
    {
        public ConcurrentQueue<string[]> Batches { get; } = new();

        public TaskCompletionSource FirstBatch { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Gate { get; init; } = Open();

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<IngestAnswer> SendAsync(IReadOnlyList<PredictionRecord> records, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Gate.Task.WaitAsync(cancellationToken);
            Batches.Enqueue([.. records.Select(r => r.PredictionId)]);
            FirstBatch.TrySetResult();
            return new IngestAnswer(records.Count, []);
        }

        private static TaskCompletionSource Open()
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            gate.SetResult();
            return gate;
        }
    }

    [Fact]
    public async Task AddAsync_MoreThanABatch_SendsFullBatchesInOrderAndTheRestOnDispose()
    {
        var sink = new Sink();
        var batcher = new RecordBatcher(sink.SendAsync, batchSize: 3, maxDelay: TimeSpan.FromHours(1), timeProvider: new FakeTimeProvider());

        for (var i = 0; i < 7; i++)
        {
            await batcher.AddAsync(Record(i));
        }

        await sink.FirstBatch.Task.WaitAsync(Timeout);
        await batcher.DisposeAsync();

        Assert.Equal([["p-0", "p-1", "p-2"], ["p-3", "p-4", "p-5"], ["p-6"]], sink.Batches);
        Assert.Equal(7, batcher.Accepted);
    }

    [Fact]
    public async Task AddAsync_PartialBatch_IsSentWhenItsOldestRecordHasWaitedMaxDelay()
    {
        var time = new FakeTimeProvider();
        var start = time.GetUtcNow();
        var sink = new Sink();
        await using var batcher = new RecordBatcher(sink.SendAsync, batchSize: 100, maxDelay: TimeSpan.FromSeconds(1), timeProvider: time);

        await batcher.AddAsync(Record(0));
        await batcher.AddAsync(Record(1));
        // The clock moves on 100 ms at each look until the batch has been sent.
        await Eventually.UntilAsync(
            () =>
            {
                time.Advance(TimeSpan.FromMilliseconds(100));
                return sink.FirstBatch.Task.IsCompleted;
            },
            "the partial batch sent",
            Timeout);

        Assert.True(sink.FirstBatch.Task.IsCompleted, "the partial batch was never sent");
        Assert.Equal(["p-0", "p-1"], Assert.Single(sink.Batches));
        Assert.True(time.GetUtcNow() - start >= TimeSpan.FromSeconds(1), "sent before the delay ran out");
    }

    [Fact]
    public async Task AddAsync_BufferFullWhileABatchIsSending_WaitsUntilTheSendEnds()
    {
        var sink = new Sink { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        await using var batcher = new RecordBatcher(sink.SendAsync, batchSize: 2, capacity: 2, maxDelay: TimeSpan.FromHours(1), timeProvider: new FakeTimeProvider());

        await batcher.AddAsync(Record(0));
        await batcher.AddAsync(Record(1));
        await sink.Entered.Task.WaitAsync(Timeout);
        await batcher.AddAsync(Record(2));
        await batcher.AddAsync(Record(3));
        var blocked = batcher.AddAsync(Record(4)).AsTask();

        Assert.False(blocked.IsCompleted, "a producer was not held back by the full buffer");
        sink.Gate.SetResult();
        await blocked.WaitAsync(Timeout);
        await batcher.FlushAsync().WaitAsync(Timeout);
        Assert.Equal(5, sink.Batches.Sum(b => b.Length));
    }

    [Fact]
    public async Task FlushAsync_PartialBatch_SendsEverythingAddedBeforeIt()
    {
        var sink = new Sink();
        await using var batcher = new RecordBatcher(sink.SendAsync, batchSize: 10, maxDelay: TimeSpan.FromHours(1), timeProvider: new FakeTimeProvider());

        await batcher.AddAsync(Record(0));
        await batcher.AddAsync(Record(1));
        await batcher.AddAsync(Record(2));
        await batcher.FlushAsync().WaitAsync(Timeout);

        Assert.Equal(["p-0", "p-1", "p-2"], Assert.Single(sink.Batches));
    }

    [Fact]
    public async Task FlushAsync_SendFailed_ThrowsAndTheBatcherTakesNoMoreRecords()
    {
        var batcher = new RecordBatcher((_, _) => throw new HttpRequestException("down"), batchSize: 10, timeProvider: new FakeTimeProvider());
        await batcher.AddAsync(Record(0));

        var flush = await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.FlushAsync());
        var add = await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.AddAsync(Record(1)).AsTask());
        await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.DisposeAsync().AsTask());

        Assert.IsType<HttpRequestException>(flush.InnerException);
        Assert.IsType<HttpRequestException>(add.InnerException);
    }
}
