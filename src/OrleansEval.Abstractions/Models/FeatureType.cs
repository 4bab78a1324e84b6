namespace OrleansEval.Models;

/// <summary>How a feature or tag is summarised: as numbers (quantile sketch) or as categories (counts).</summary>
[GenerateSerializer]
[Alias("OrleansEval.FeatureType")]
public enum FeatureType
{
    /// <summary>A finite real number.</summary>
    Numeric = 0,

    /// <summary>A string category; booleans are categorical ("true"/"false").</summary>
    Categorical = 1,
}
