using OrleansEval.Sketches.Attribution;

namespace OrleansEval.Grains.RootCause;

/// <summary>A bin of a <see cref="BinnedColumn"/>, named as the drift answer names it, with its counts.</summary>
internal sealed record ColumnBin(double? Lower, double? Upper, string? Category, bool Missing, BinTally Tally);
