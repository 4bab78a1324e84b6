using OrleansEval.Sketches.Moments;
using OrleansEval.Sketches.Quantiles;

namespace OrleansEval.Grains.Features;

/// <summary>
/// The numeric buckets of a window merged: one sketch, one set of moments, the missing count, and the exact counts on
/// a baseline's bins when every bucket kept them.
/// </summary>
internal sealed record MergedNumeric(KllSketch Sketch, RunningMoments Moments, long Missing, double[]? ExactBinCounts, long TypeErrors);
