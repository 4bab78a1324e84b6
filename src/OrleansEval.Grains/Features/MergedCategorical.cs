using OrleansEval.Sketches.Categories;

namespace OrleansEval.Grains.Features;

/// <summary>The categorical buckets of a window merged: one set of category counts and the missing and type-error counts.</summary>
internal sealed record MergedCategorical(CategoryCounts Counts, long Missing, long TypeErrors);
