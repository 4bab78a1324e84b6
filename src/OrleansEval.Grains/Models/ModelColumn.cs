using OrleansEval.Models;

namespace OrleansEval.Grains.Models;

/// <summary>A column a model keeps distributions of: a feature, or one of its prediction and actual columns.</summary>
internal sealed record ModelColumn(string Name, FeatureType Type, ColumnRole Role);
