using Microsoft.Extensions.Logging;
using Orleans.Storage;
using OrleansEval.Ingest;

namespace OrleansEval.Grains.Persistence;

/// <summary>
/// The writes of one activation of a grain that persists on a timer. A write refused for a stale version tag — the store
/// lost a write, or applied one whose answer never came back — reads the stored tag and writes again: the grain's
/// memory is the truth, since Orleans runs one activation of it. Any other refused write is counted, logged with the
/// grain and the reason, and left for the next tick. Once the grain has gone unpersisted for
/// <see cref="StateWrites.MaxUnpersisted"/>, <see cref="ThrowIfUnpersisted"/> refuses new batches until a write succeeds.
/// </summary>
internal sealed partial class GrainWrites
{
    private const int MaxReasonLength = 200;

    private readonly StateWrites _writes;
    private readonly string _grainType;
    private readonly ILogger _logger;
    private long? _failingSince;
    private string _lastReason = string.Empty;
    private bool _refusing;

    public GrainWrites(StateWrites writes, string grainType, ILogger logger)
    {
        _writes = writes;
        _grainType = grainType;
        _logger = logger;
    }

    /// <summary>
    /// Runs <paramref name="before"/> (records the state refers to, which must be stored first), then writes the
    /// state; false, counted and logged, when the store refused either.
    /// </summary>
    public async Task<bool> TryWriteAsync<T>(IPersistentState<T> state, string grain, CancellationToken cancellationToken, Func<Task>? before = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        var startedAt = _writes.Time.GetTimestamp();
        try
        {
            if (before is not null)
            {
                await before();
            }

            await WriteAsync(state, grain, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _writes.RecordDuration(_grainType, startedAt, written: false);
            Failed(grain, e);
            return false;
        }

        _writes.RecordDuration(_grainType, startedAt, written: true);
        Succeeded(grain);
        return true;
    }

    /// <summary>Writes <paramref name="state"/>, once more under the stored version tag if the grain's was stale.</summary>
    public async Task WriteAsync<T>(IPersistentState<T> state, string grain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch (Exception e) when (IsStaleTag(e))
        {
            Reconciling(grain);
            var held = state.State;
            try
            {
                // Only for its version tag: the stored state it brings is put back at once.
                await state.ReadStateAsync(cancellationToken);
            }
            finally
            {
                state.State = held;
            }

            await state.WriteStateAsync(cancellationToken);
        }
    }

    /// <summary>Writes a record of the grain's own through its storage, once more under the stored version tag if the record's was stale.</summary>
    public Task WriteAsync<T>(IGrainStorage storage, string stateName, GrainId grainId, IGrainState<T> record) =>
        ReconcilingAsync(storage, stateName, grainId, record, () => storage.WriteStateAsync(stateName, grainId, record));

    /// <summary>
    /// <see cref="WriteAsync{T}(IGrainStorage, string, GrainId, IGrainState{T})"/>, its time recorded under this grain type
    /// and its outcome as the persistence tick's writes are: for a record whose write a client waits for.
    /// </summary>
    public async Task TimedWriteAsync<T>(IGrainStorage storage, string stateName, GrainId grainId, IGrainState<T> record)
    {
        var startedAt = _writes.Time.GetTimestamp();
        try
        {
            await WriteAsync(storage, stateName, grainId, record);
        }
        catch
        {
            _writes.RecordDuration(_grainType, startedAt, written: false);
            throw;
        }

        _writes.RecordDuration(_grainType, startedAt, written: true);
    }

    /// <summary>Deletes a record of the grain's own, once more under the stored version tag if the record's was stale.</summary>
    public Task ClearAsync<T>(IGrainStorage storage, string stateName, GrainId grainId, IGrainState<T> record) =>
        ReconcilingAsync(storage, stateName, grainId, record, () => storage.ClearStateAsync(stateName, grainId, record));

    // Runs a conditional operation on a record; refused for a stale tag, takes the stored tag and runs it once more.
    private async Task ReconcilingAsync<T>(IGrainStorage storage, string stateName, GrainId grainId, IGrainState<T> record, Func<Task> operation)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            await operation();
        }
        catch (Exception e) when (IsStaleTag(e))
        {
            Reconciling($"{grainId} {stateName}");
            await RefreshTagAsync(storage, stateName, grainId, record);
            await operation();
        }
    }

    /// <summary>
    /// Refuses a batch while the grain has gone unpersisted for longer than the store allows: nothing of it is applied,
    /// and the gateway answers 503 so that the client sends it again later.
    /// </summary>
    /// <exception cref="StoreUnavailableException">The grain could not persist for <see cref="StateWrites.MaxUnpersisted"/>.</exception>
    public void ThrowIfUnpersisted(string grain)
    {
        if (_failingSince is not { } since)
        {
            return;
        }

        var unpersisted = _writes.Time.GetElapsedTime(since);
        if (unpersisted < _writes.MaxUnpersisted)
        {
            return;
        }

        if (!_refusing)
        {
            _refusing = true;
            LogRefusing(_logger, _grainType, grain, unpersisted.TotalSeconds, _lastReason);
        }

        throw new StoreUnavailableException(
            $"{_grainType} {grain} has not been able to persist for {unpersisted.TotalSeconds:F0} s ({_lastReason}); nothing of this batch was applied");
    }

    private void Succeeded(string grain)
    {
        if (_failingSince is { } since)
        {
            var failedFor = _writes.Time.GetElapsedTime(since);
            LogRecovered(_logger, _grainType, grain, failedFor.TotalSeconds);
        }

        _failingSince = null;
        _refusing = false;
    }

    private void Failed(string grain, Exception exception)
    {
        _failingSince ??= _writes.Time.GetTimestamp();
        var cause = Cause(exception);
        var reason = IsStaleTag(exception) ? StateWrites.StaleEtag : cause.GetType().Name;
        _lastReason = $"{reason}: {FirstLine(cause.Message)}";
        _writes.CountFailure(_grainType, reason);
        var unpersisted = _writes.Time.GetElapsedTime(_failingSince.Value);
        LogWriteFailed(_logger, _grainType, grain, _lastReason, unpersisted.TotalSeconds);
    }

    private void Reconciling(string grain)
    {
        _writes.CountFailure(_grainType, StateWrites.StaleEtag);
        LogReconciling(_logger, _grainType, grain);
    }

    private static async Task RefreshTagAsync<T>(IGrainStorage storage, string stateName, GrainId grainId, IGrainState<T> record)
    {
        var stored = new GrainState<T>();
        await storage.ReadStateAsync(stateName, grainId, stored);
        record.ETag = stored.ETag;
        record.RecordExists = stored.RecordExists;
    }

    private static bool IsStaleTag(Exception exception) =>
        exception is InconsistentStateException
        || (exception is AggregateException aggregate && aggregate.InnerExceptions.Any(IsStaleTag))
        || (exception.InnerException is { } inner && IsStaleTag(inner));

    // What went wrong underneath the storage provider's wrapper and the client's retries (say, a refused connection):
    // its type is the metric's reason tag, a tag of few values.
    private static Exception Cause(Exception exception)
    {
        var cause = exception.GetBaseException();
        return cause is AggregateException { InnerExceptions.Count: > 0 } retries ? retries.InnerExceptions[^1].GetBaseException() : cause;
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        var line = end < 0 ? message : message[..end];
        return line.Length <= MaxReasonLength ? line : line[..MaxReasonLength];
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Could not persist {GrainType} {Grain} ({Reason}); unpersisted for {Seconds:F0} s, the next tick tries again")]
    private static partial void LogWriteFailed(ILogger logger, string grainType, string grain, string reason, double seconds);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "The stored version of {GrainType} {Grain} is not the one it last wrote; writing it again under the stored version tag")]
    private static partial void LogReconciling(ILogger logger, string grainType, string grain);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "{GrainType} {Grain} has not persisted for {Seconds:F0} s ({Reason}); it refuses new batches until a write succeeds")]
    private static partial void LogRefusing(ILogger logger, string grainType, string grain, double seconds, string reason);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "{GrainType} {Grain} persisted again after {Seconds:F0} s of failed writes")]
    private static partial void LogRecovered(ILogger logger, string grainType, string grain, double seconds);
}
