namespace OrleansEval.Client;

/// <summary>A bin that moved, with its baseline and current proportions.</summary>
/// <param name="Bin">The bin, as the drift answer names it.</param>
/// <param name="Baseline">Its proportion in the baseline.</param>
/// <param name="Current">Its proportion in the window.</param>
public sealed record AlertEventBin(string Bin, double Baseline, double Current);
