namespace OrleansEval.Ingest;

/// <summary>What the ingest log did with a batch it was given.</summary>
[GenerateSerializer]
[Alias("OrleansEval.LogAppendStatus")]
public enum LogAppendStatus
{
    /// <summary>Written durably as a new entry: fan it out.</summary>
    Appended = 0,

    /// <summary>The key was seen with the same content: answer what it was answered (and re-drive it if the log says so).</summary>
    Repeated = 1,

    /// <summary>The key was seen with different content: nothing was kept.</summary>
    Conflict = 2,

    /// <summary>
    /// The batch was planned under a model revision older than a slice the log was told of: nothing was kept; plan it
    /// again under the current model.
    /// </summary>
    Stale = 3,
}
