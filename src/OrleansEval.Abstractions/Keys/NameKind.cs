namespace OrleansEval.Keys;

/// <summary>The kinds of name <see cref="NameRules"/> knows, each with its own alphabet and length.</summary>
public enum NameKind
{
    /// <summary>A model id: the first part of every key of the model.</summary>
    Model,

    /// <summary>A version, feature, tag, baseline, slice or monitor name: one part of a grain or storage key.</summary>
    Name,

    /// <summary>An environment: one of <see cref="NameRules.Environments"/>.</summary>
    Environment,

    /// <summary>A client's name for a batch, kept so that sending the batch again is applied once.</summary>
    IdempotencyKey,
}
