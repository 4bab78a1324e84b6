using OrleansEval.Models;

namespace OrleansEval.Gateway.Models;

/// <summary>The API's spelling of tasks and column types, both ways.</summary>
internal static class WireNames
{
    public static string Of(ModelTask task) => task switch
    {
        ModelTask.BinaryClassification => "binary_classification",
        ModelTask.MulticlassClassification => "multiclass_classification",
        _ => "regression",
    };

    public static string Of(FeatureType type) => type == FeatureType.Numeric ? "numeric" : "categorical";

    public static ModelTask? ParseTask(string? task) => task switch
    {
        "binary_classification" => ModelTask.BinaryClassification,
        "multiclass_classification" => ModelTask.MulticlassClassification,
        "regression" => ModelTask.Regression,
        _ => null,
    };

    public static FeatureType? ParseType(string? type) => type switch
    {
        "numeric" => FeatureType.Numeric,
        "categorical" => FeatureType.Categorical,
        _ => null,
    };
}
