namespace OrleansEval.Actuals;

/// <summary>What the join did with a late actual.</summary>
[GenerateSerializer]
[Alias("OrleansEval.JoinOutcome")]
public enum JoinOutcome
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
