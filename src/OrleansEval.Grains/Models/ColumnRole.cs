namespace OrleansEval.Grains.Models;

/// <summary>Where a column comes from in a record.</summary>
internal enum ColumnRole
{
    Feature,
    Prediction,
    Actual,
}
