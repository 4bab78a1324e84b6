namespace OrleansEval.Sketches.Slicing;

/// <summary>The answer of a worst-slice search: the best slices by score, and how much of the lattice was examined.</summary>
/// <param name="Rows">Rows searched.</param>
/// <param name="OverallError">Mean error ē over every row.</param>
/// <param name="MinSize">The smallest slice that was allowed.</param>
/// <param name="Examined">Candidate slices whose size and error were computed; the q-values correct for all of them.</param>
/// <param name="Slices">At most k slices with a score above 0, best first.</param>
public sealed record SliceSearchResult(int Rows, double OverallError, int MinSize, int Examined, IReadOnlyList<SliceFinding> Slices);
