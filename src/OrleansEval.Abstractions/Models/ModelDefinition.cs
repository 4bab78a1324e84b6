using System.Collections.Immutable;

namespace OrleansEval.Models;

/// <summary>
/// What a user registers: the task, the decision threshold and positive label of a binary classifier, the schema of
/// features and tags, and the event-time bucket size.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.ModelDefinition")]
[Immutable]
public sealed record ModelDefinition
{
    /// <summary>The model's task.</summary>
    [Id(0)] public required ModelTask Task { get; init; }

    /// <summary>The label of the positive class of a binary classifier (default "1").</summary>
    [Id(1)] public string PositiveLabel { get; init; } = "1";

    /// <summary>The label of the negative class of a binary classifier (default "0").</summary>
    [Id(6)] public string NegativeLabel { get; init; } = "0";

    /// <summary>
    /// The classes of a multiclass model, when declared: a predicted or actual label outside them is rejected. Empty
    /// means any label is accepted.
    /// </summary>
    [Id(7)] public ImmutableArray<string> Classes { get; init; } = [];

    /// <summary>Score at or above which a binary classifier predicts the positive class (default 0.5).</summary>
    [Id(2)] public double Threshold { get; init; } = 0.5;

    /// <summary>Model inputs.</summary>
    [Id(3)] public ImmutableArray<FeatureDefinition> Features { get; init; } = [];

    /// <summary>Slicing dimensions that are not model inputs.</summary>
    [Id(4)] public ImmutableArray<FeatureDefinition> Tags { get; init; } = [];

    /// <summary>Event-time bucket size: the unit of storage; every window is a merge of buckets.</summary>
    [Id(5)] public TimeSpan Bucket { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The label a prediction stands for: <paramref name="label"/> when it has one; for a binary classifier without
    /// one, the class its <paramref name="score"/> falls on at the threshold; null otherwise.
    /// </summary>
    public string? PredictedLabel(string? label, double score) =>
        label ?? (Task == ModelTask.BinaryClassification && double.IsFinite(score) ? score >= Threshold ? PositiveLabel : NegativeLabel : null);

    /// <summary>The feature or tag of that name, if the schema has one.</summary>
    public FeatureDefinition? FindColumn(string name)
    {
        foreach (var feature in Features)
        {
            if (string.Equals(feature.Name, name, StringComparison.Ordinal))
            {
                return feature;
            }
        }

        foreach (var tag in Tags)
        {
            if (string.Equals(tag.Name, name, StringComparison.Ordinal))
            {
                return tag;
            }
        }

        return null;
    }
}
