namespace OrleansEval.Keys;

/// <summary>
/// Names of the columns that are not user features: the prediction and the actual. They start with '@', which no
/// user name may contain, so they never collide with a feature.
/// </summary>
public static class ColumnNames
{
    /// <summary>A classifier's score for the positive class.</summary>
    public const string PredictionScore = "@prediction.score";

    /// <summary>A classifier's predicted label.</summary>
    public const string PredictionLabel = "@prediction.label";

    /// <summary>A regression model's predicted value.</summary>
    public const string PredictionValue = "@prediction.value";

    /// <summary>The true label of a classified record.</summary>
    public const string ActualLabel = "@actual.label";

    /// <summary>The true value of a regression record.</summary>
    public const string ActualValue = "@actual.value";
}
