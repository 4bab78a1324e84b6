namespace OrleansEval.Sketches.Slicing;

/// <summary>What a candidate slice's rows sum to: the size, error sum, sum of squared errors and largest error.</summary>
internal readonly record struct SliceStats(int Size, double ErrorSum, double SquareSum, double MaxError);
