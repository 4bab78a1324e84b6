namespace OrleansEval.Actuals;

/// <summary>What the join did with a late actual.</summary>
// The wire name is that of its first name, JoinOutcome, so that silos of both versions understand each other.
[GenerateSerializer]
[Alias("OrleansEval.JoinOutcome")]
public enum JoinResult
{
    /// <summary>Joined to its prediction and counted (replacing an earlier actual, if any).</summary>
    Matched = 0,

    /// <summary>The same actual was already counted: nothing changed.</summary>
    Unchanged = 1,

    /// <summary>No prediction yet: held until the prediction arrives or the join window ends.</summary>
    Held = 2,

    /// <summary>
    /// No prediction yet and the join buffer is full: not kept. No longer answered: a batch is logged only after the
    /// join had room for it, and a logged batch is never refused; kept so the numbering stays.
    /// </summary>
    Full = 3,
}
