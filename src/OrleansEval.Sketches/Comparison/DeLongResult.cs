namespace OrleansEval.Sketches.Comparison;

/// <summary>The two models' ROC AUCs on the same labelled rows and DeLong's test of their difference.</summary>
public sealed record DeLongResult(double FirstAuc, double SecondAuc, PairedTestResult Test);
