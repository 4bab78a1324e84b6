using OrleansEval.Gateway.Queries;

namespace OrleansEval.Gateway.Slices;

/// <summary>The documented shape of the slice listing: every slice's live status, ranked, and how many baseline rows the ranking read.</summary>
internal sealed record SliceListingAnswer(
    string ModelId,
    string Version,
    string Environment,
    WindowAnswer Window,
    IReadOnlyList<SliceStatusAnswer> Slices,
    BaselineRowsAnswer? BaselineRows = null);
