namespace OrleansEval.Models;

/// <summary>A model version in one environment: the unit under which feature grains keep their buckets.</summary>
[GenerateSerializer]
[Alias("OrleansEval.SeriesId")]
[Immutable]
public sealed record SeriesId([property: Id(0)] string Version, [property: Id(1)] string Environment)
{
    /// <summary>Version used when a record names none.</summary>
    public const string DefaultVersion = "default";

    /// <summary>Environment used when a record names none.</summary>
    public const string DefaultEnvironment = "production";
}
