namespace OrleansEval.Auth;

/// <summary>What an API key may do: send records and actuals, read answers, or change and delete definitions and keys.</summary>
[Flags]
public enum ApiScopes
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>Send records, actuals and validation batches.</summary>
    Ingest = 1,

    /// <summary>Read models, answers, alerts and the alert stream.</summary>
    Read = 2,

    /// <summary>Create, change and delete models, baselines, slices, monitors and keys; includes ingest and read.</summary>
    Admin = 4,
}
