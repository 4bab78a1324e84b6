namespace OrleansEval.Compare;

/// <summary>
/// A candidate against the champion on one slice's paired rows: the difference of their metrics (candidate minus
/// champion; null where either is undefined), the paired test (<c>mcnemarExact</c>, <c>mcnemar</c>, <c>delong</c> or
/// <c>pairedT</c>), its statistic, p-value and Benjamini–Hochberg q-value over every test of the comparison, and for
/// McNemar the discordant pairs: rows only the champion got right, rows only the candidate did.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.CandidateTest")]
[Immutable]
public sealed record CandidateTest(
    [property: Id(0)] string Version,
    [property: Id(1)] double? Delta,
    [property: Id(2)] string Test,
    [property: Id(3)] double Statistic,
    [property: Id(4)] double PValue,
    [property: Id(5)] double QValue,
    [property: Id(6)] long OnlyChampionRight,
    [property: Id(7)] long OnlyCandidateRight);
