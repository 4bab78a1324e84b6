using OrleansEval.Keys;
using OrleansEval.Models;

namespace OrleansEval.Grains.Models;

/// <summary>The columns of a model: its features, then the prediction and actual columns its task has.</summary>
internal static class ModelColumns
{
    public static IReadOnlyList<ModelColumn> For(ModelDefinition definition)
    {
        var columns = new List<ModelColumn>(definition.Features.Length + 3);
        foreach (var feature in definition.Features)
        {
            columns.Add(new ModelColumn(feature.Name, feature.Type, ColumnRole.Feature));
        }

        if (definition.Task == ModelTask.Regression)
        {
            columns.Add(new ModelColumn(ColumnNames.PredictionValue, FeatureType.Numeric, ColumnRole.Prediction));
            columns.Add(new ModelColumn(ColumnNames.ActualValue, FeatureType.Numeric, ColumnRole.Actual));
        }
        else
        {
            if (definition.Task == ModelTask.BinaryClassification)
            {
                columns.Add(new ModelColumn(ColumnNames.PredictionScore, FeatureType.Numeric, ColumnRole.Prediction));
            }

            columns.Add(new ModelColumn(ColumnNames.PredictionLabel, FeatureType.Categorical, ColumnRole.Prediction));
            columns.Add(new ModelColumn(ColumnNames.ActualLabel, FeatureType.Categorical, ColumnRole.Actual));
        }

        return columns;
    }
}
