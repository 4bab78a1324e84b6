namespace OrleansEval.Gateway.Drift;

/// <summary>The fields of a drift read over a sequence of windows as the query string carried them, unchecked.</summary>
/// <param name="Drift">The model, baseline and whole span, as a single-window drift read carries them.</param>
/// <param name="Granularity">The step of the windows: a duration such as 7d, or "month"; null when the request named none.</param>
internal sealed record DriftWindowsFields(DriftFields Drift, string? Granularity);
