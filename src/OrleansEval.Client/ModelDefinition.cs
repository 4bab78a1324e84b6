namespace OrleansEval.Client;

/// <summary>A model's task and schema, as registered with <see cref="OrleansEvalClient.PutModelAsync"/>.</summary>
public sealed record ModelDefinition
{
    /// <summary>binary_classification, multiclass_classification or regression.</summary>
    public required string Task { get; init; }

    /// <summary>Binary classification: the positive class.</summary>
    public string? PositiveLabel { get; init; }

    /// <summary>Binary classification: the negative class.</summary>
    public string? NegativeLabel { get; init; }

    /// <summary>Binary classification: the score from which the positive class is predicted.</summary>
    public double? Threshold { get; init; }

    /// <summary>Time bucket such as "1h" (the default) or "1d".</summary>
    public string? Bucket { get; init; }

    /// <summary>Multiclass classification: the labels.</summary>
    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary>The model's inputs.</summary>
    public IReadOnlyList<ColumnDefinition> Features { get; init; } = [];

    /// <summary>Slicing dimensions that are not inputs.</summary>
    public IReadOnlyList<ColumnDefinition> Tags { get; init; } = [];
}
