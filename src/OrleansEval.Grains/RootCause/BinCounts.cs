namespace OrleansEval.Grains.RootCause;

/// <summary>A group of rows of one side as the per-bin state keeps them: the rows, the labelled ones and their loss sum.</summary>
internal readonly record struct BinCounts(long Rows, long Labelled, double Loss);
