using Orleans.Serialization;
using Orleans.Storage;
using OrleansEval.Grains.Tests.Storage;

namespace OrleansEval.Grains.Tests.Slices;

/// <summary>
/// Grain storage, serialized as a real store keeps it and outliving the clusters of a test, whose writes of one grain
/// can be held: a held write waits until <see cref="Release"/> (at most <see cref="MaxHold"/>, then it fails as a store
/// that timed out), as a slow blob write keeps a grain's write under way; it counts each grain's writes that went
/// through. Used by one test class (<see cref="SliceHeldWriteTests"/>), whose tests run one at a time.
/// </summary>
public sealed class HeldWriteGrainStorage(Serializer serializer) : IGrainStorage
{
    /// <summary>The longest a write is held: a test that never releases it does not hang.</summary>
    public static readonly TimeSpan MaxHold = TimeSpan.FromSeconds(60);

    private static readonly object Lock = new();
    private static string? s_heldKey;
    private static TaskCompletionSource s_entered = NewSignal();
    private static TaskCompletionSource s_released = NewSignal();
    private static readonly Dictionary<string, int> s_written = new(StringComparer.Ordinal);

    private readonly Records _records = new(serializer);

    /// <summary>Holds every write of the grain whose key is <paramref name="grainKey"/> from now on; completes when the first one is held.</summary>
    public static Task Hold(string grainKey)
    {
        lock (Lock)
        {
            s_heldKey = grainKey;
            s_entered = NewSignal();
            s_released = NewSignal();
            return s_entered.Task;
        }
    }

    /// <summary>Lets the held writes, and every later one, through.</summary>
    public static void Release()
    {
        lock (Lock)
        {
            s_heldKey = null;
            s_released.TrySetResult();
        }
    }

    /// <summary>How many writes of the grain whose key is <paramref name="grainKey"/> went through.</summary>
    public static int Written(string grainKey)
    {
        lock (Lock)
        {
            return s_written.GetValueOrDefault(grainKey);
        }
    }

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => _records.ReadStateAsync(stateName, grainId, grainState);

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Task? released = null;
        lock (Lock)
        {
            if (s_heldKey is { } held && grainId.Key.ToString() == held)
            {
                s_entered.TrySetResult();
                released = s_released.Task;
            }
        }

        if (released is not null)
        {
            await released.WaitAsync(MaxHold);
        }

        await _records.WriteStateAsync(stateName, grainId, grainState);
        lock (Lock)
        {
            var key = grainId.Key.ToString()!;
            s_written[key] = s_written.GetValueOrDefault(key) + 1;
        }
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => _records.ClearStateAsync(stateName, grainId, grainState);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Records(Serializer serializer) : SerializedGrainStorage<Records>(serializer);
}
