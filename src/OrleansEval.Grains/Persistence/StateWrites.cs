using Microsoft.Extensions.Logging;

namespace OrleansEval.Grains.Persistence;

/// <summary>
/// The write of grains that persist on a timer: a failed write is logged and left for the next tick (the state stays
/// marked changed), never thrown into the timer or the deactivation.
/// </summary>
internal static partial class StateWrites
{
    /// <summary>Writes the state; false, logged, when the store refused it.</summary>
    public static async Task<bool> TryWriteAsync<T>(IPersistentState<T> state, ILogger logger, string grain, CancellationToken cancellationToken)
    {
        try
        {
            await state.WriteStateAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogWriteFailed(logger, e, grain);
            return false;
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Could not persist {Grain}; the next tick tries again")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string grain);
}
