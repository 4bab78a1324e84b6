namespace OrleansEval.Sketches.Attribution;

/// <summary>
/// One bin's part in a metric's change (see <see cref="ChangeDecomposition"/>); a figure is null when a side it needs
/// has no labelled row (or, for <see cref="RowShare"/>, no row).
/// </summary>
/// <param name="BaselineShare">w_base,b: share of the baseline's labelled rows in the bin.</param>
/// <param name="CurrentShare">w_cur,b: share of the current labelled rows in the bin.</param>
/// <param name="RowShare">v_cur,b: share of all current rows in the bin.</param>
/// <param name="BaselineMetric">m_base,b; null when the baseline has no labelled row in the bin.</param>
/// <param name="CurrentMetric">m_cur,b; null when the current side has no labelled row in the bin.</param>
/// <param name="Mix">(w_cur,b − w_base,b)·(m_base,b − M_base).</param>
/// <param name="Within">w_cur,b·(m_cur,b − m_base,b), 0 when the current side has no labelled row in the bin.</param>
/// <param name="DriftImpact">(v_cur,b − w_base,b)·(m_base,b − M_base).</param>
public readonly record struct BinDecomposition(
    double? BaselineShare,
    double? CurrentShare,
    double? RowShare,
    double? BaselineMetric,
    double? CurrentMetric,
    double? Mix,
    double? Within,
    double? DriftImpact);
