namespace OrleansEval.Models;

/// <summary>What a model predicts, which decides the shape of its predictions, actuals and metrics.</summary>
[GenerateSerializer]
[Alias("OrleansEval.ModelTask")]
public enum ModelTask
{
    /// <summary>Two classes; predictions carry a label and a score for the positive class.</summary>
    BinaryClassification = 0,

    /// <summary>More than two classes; predictions carry a label.</summary>
    MulticlassClassification = 1,

    /// <summary>A real-valued target; predictions and actuals carry a value.</summary>
    Regression = 2,
}
