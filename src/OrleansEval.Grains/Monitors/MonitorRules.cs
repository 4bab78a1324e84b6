using OrleansEval.Baselines;
using OrleansEval.Grains.Slices;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Monitors;
using OrleansEval.Slices;
using OrleansEval.WorstSlices;

namespace OrleansEval.Grains.Monitors;

/// <summary>The rules a monitor definition must follow; a failure names the field and the rule.</summary>
internal static class MonitorRules
{
    public static ModelChangeError? Validate(MonitorDefinition monitor, ModelSnapshot model, Baseline? baseline)
    {
        if (ValidateNames(monitor) is { } invalid)
        {
            return invalid;
        }

        if (!Enum.IsDefined(monitor.Kind))
        {
            return Invalid("kind", "must be drift, dataQuality, performance, estimatedPerformance, worstSlices or volume");
        }

        if (!MonitorMeasures.IsKnown(monitor.Kind, monitor.Measure))
        {
            return Invalid("measure", $"{Quoting.Quote(monitor.Measure)} is not a {Describe(monitor.Kind)} measure; use one of {MonitorMeasures.Known(monitor.Kind)}");
        }

        if (monitor.Kind == MonitorKind.WorstSlices)
        {
            return ValidateWorstSlices(monitor, model, baseline);
        }

        if (monitor.Kind == MonitorKind.Volume)
        {
            return ValidateVolume(monitor, model);
        }

        var drift = monitor.Kind is MonitorKind.Drift or MonitorKind.DataQuality;
        if (drift && monitor.Target is not ("*" or "prediction") && model.Definition.Features.All(f => f.Name != monitor.Target))
        {
            return Invalid("target", $"{Quoting.Quote(monitor.Target)} is not a feature of this model (use a feature name, '*' or 'prediction')");
        }

        if (!drift && !SliceRouter.EnumerateFamilies(model).Contains(SliceRouter.Resolve(model, SliceKey.FromApiId(monitor.Slice)).Family))
        {
            return Invalid("slice", $"{Quoting.Quote(monitor.Slice)} is not a slice of this model");
        }

        if (monitor.Kind == MonitorKind.EstimatedPerformance && model.Definition.Task != ModelTask.BinaryClassification)
        {
            return Invalid("kind", "estimated performance is available for binary classification only");
        }

        var given = (monitor.Threshold.HasValue ? 1 : 0) + (monitor.DropFromBaseline.HasValue ? 1 : 0) + (monitor.AutoThresholdK.HasValue ? 1 : 0);
        if (given != 1)
        {
            return Invalid("threshold", "give exactly one of threshold, dropFromBaseline or autoThresholdK");
        }

        var ceiling = Ceiling(monitor);
        if (monitor.Threshold is { } threshold && (!double.IsFinite(threshold) || threshold < 0 || threshold > ceiling))
        {
            return Invalid("threshold", double.IsFinite(ceiling)
                ? $"must be between 0 and {ceiling.ToString(System.Globalization.CultureInfo.InvariantCulture)} for {monitor.Measure}"
                : $"must not be negative for {monitor.Measure}");
        }

        if (monitor.DropFromBaseline is { } drop && (drift || !(drop > 0) || !double.IsFinite(drop)))
        {
            return Invalid("dropFromBaseline", "is for performance monitors, and must be a positive number");
        }

        if (monitor.AutoThresholdK is { } k && (!(k > 0) || !double.IsFinite(k)))
        {
            return Invalid("autoThresholdK", "must be a positive number of standard deviations");
        }

        // A capped p-value mostly sits at its cap over a baseline's sub-windows: their spread would put the threshold there.
        if (monitor.AutoThresholdK.HasValue && monitor.Kind is MonitorKind.Drift && ceiling < 1)
        {
            return Invalid("autoThresholdK", $"is not available for {monitor.Measure}, whose p-value is reported only up to {ceiling.ToString(System.Globalization.CultureInfo.InvariantCulture)}; give a threshold");
        }

        if ((drift || monitor.DropFromBaseline.HasValue || monitor.AutoThresholdK.HasValue) && baseline is null)
        {
            return Invalid("baseline", monitor.Baseline is null ? "is required for this monitor" : $"model has no baseline named {Quoting.Quote(monitor.Baseline)}");
        }

        if (monitor.AutoThresholdK.HasValue && (baseline!.Spec.From is null || baseline.Spec.To is null))
        {
            return Invalid("autoThresholdK", "needs a baseline frozen over a from/to window, to cut it into sub-windows");
        }

        if (monitor.Window < model.Definition.Bucket)
        {
            return Invalid("window", $"must be at least the model's bucket ({model.Definition.Bucket})");
        }

        if (monitor.MinCount < 1)
        {
            return Invalid("minCount", "must be at least 1");
        }

        if (monitor.Hysteresis is < 0 or > 0.5)
        {
            return Invalid("hysteresis", "must be between 0 and 0.5 (a fraction of the threshold)");
        }

        if (monitor.Cooldown < TimeSpan.Zero)
        {
            return Invalid("cooldown", "must not be negative");
        }

        return null;
    }

    /// <summary>A worst-slice monitor: a metric of the model's task, no threshold of its own, a top K, a q-value bound and a window the search takes.</summary>
    private static ModelChangeError? ValidateWorstSlices(MonitorDefinition monitor, ModelSnapshot model, Baseline? baseline)
    {
        if (WorstSliceRules.Applicability(monitor.Measure, model.Definition.Task) is { } inapplicable)
        {
            return Invalid("measure", inapplicable);
        }

        if (monitor.Threshold.HasValue || monitor.DropFromBaseline.HasValue || monitor.AutoThresholdK.HasValue)
        {
            return Invalid("threshold", "a worstSlices monitor takes no threshold; give topK and maxQValue");
        }

        if (monitor.Baseline is not null && baseline is null)
        {
            return Invalid("baseline", $"model has no baseline named {Quoting.Quote(monitor.Baseline)}");
        }

        if (monitor.TopK is < 1 or > WorstSliceRules.MostSlices)
        {
            return Invalid("topK", $"must be between 1 and {WorstSliceRules.MostSlices}");
        }

        if (!(monitor.MaxQValue > 0 && monitor.MaxQValue <= 1))
        {
            return Invalid("maxQValue", "must be in (0, 1]");
        }

        return monitor.Window < model.Definition.Bucket || monitor.Window > WorstSliceRules.LongestWindow
            ? Invalid("window", $"must be at least the model's bucket ({model.Definition.Bucket}) and at most 366 days")
            : null;
    }

    /// <summary>A volume monitor: a record count threshold of its own (no baseline), and a window of at least a bucket.</summary>
    private static ModelChangeError? ValidateVolume(MonitorDefinition monitor, ModelSnapshot model)
    {
        if (monitor.DropFromBaseline.HasValue || monitor.AutoThresholdK.HasValue)
        {
            return Invalid("threshold", "a volume monitor takes a threshold (a number of records), not dropFromBaseline or autoThresholdK");
        }

        var fewest = monitor.Measure == "minRecords" ? 1 : 0;
        if (monitor.Threshold is not { } threshold || !double.IsFinite(threshold) || threshold < fewest || threshold != Math.Floor(threshold))
        {
            return Invalid("threshold", $"must be a whole number of records, at least {fewest} for {monitor.Measure}");
        }

        if (monitor.Window < model.Definition.Bucket)
        {
            return Invalid("window", $"must be at least the model's bucket ({model.Definition.Bucket})");
        }

        return monitor.Hysteresis is < 0 or > 0.5
            ? Invalid("hysteresis", "must be between 0 and 0.5 (a fraction of the threshold)")
            : monitor.Cooldown < TimeSpan.Zero ? Invalid("cooldown", "must not be negative") : null;
    }

    /// <summary>Every name a monitor holds that reaches a key (its own, the baseline, the series, a target column, a slice) follows <see cref="NameRules"/>.</summary>
    private static ModelChangeError? ValidateNames(MonitorDefinition monitor)
    {
        var broken = NameRules.Check(NameKind.Name, monitor.Name) is { } nameRule ? Invalid("name", nameRule)
            : monitor.Baseline is not null && NameRules.Check(NameKind.Name, monitor.Baseline) is { } baselineRule ? Invalid("baseline", baselineRule)
            : NameRules.Check(NameKind.Name, monitor.Version) is { } versionRule ? Invalid("version", versionRule)
            : NameRules.Check(NameKind.Environment, monitor.Environment) is { } environmentRule ? Invalid("environment", environmentRule)
            : monitor.Target is not ("*" or "prediction") && NameRules.Check(NameKind.Name, monitor.Target) is { } targetRule ? Invalid("target", $"{targetRule}, '*' or 'prediction'")
            : null;
        return broken ?? (SliceKey.Check(monitor.Slice) is { } sliceRule ? Invalid("slice", sliceRule) : null);
    }

    // Rates, p-values and most metrics live in [0, 1].
    // Drift measures bound their thresholds as the catalogue says; other bounded measures at 1.
    private static double Ceiling(MonitorDefinition monitor) =>
        monitor.Kind is MonitorKind.Drift ? MonitorMeasures.ThresholdCeiling(monitor.Measure) : Bounded(monitor) ? 1 : double.PositiveInfinity;

    private static bool Bounded(MonitorDefinition monitor) =>
        monitor.Kind is MonitorKind.DataQuality
        || (monitor.Kind is MonitorKind.Drift && MonitorMeasures.IsAtMostOne(monitor.Measure))
        || (monitor.Kind is MonitorKind.Performance or MonitorKind.EstimatedPerformance && monitor.Measure is not ("logLoss" or "mae" or "rmse" or "mape" or "medianAbsoluteError" or "r2"));

    private static string Describe(MonitorKind kind) => kind switch
    {
        MonitorKind.Drift => "drift",
        MonitorKind.DataQuality => "data-quality",
        MonitorKind.Performance => "performance",
        MonitorKind.WorstSlices => "worst-slice",
        MonitorKind.Volume => "volume",
        _ => "estimated-performance",
    };

    private static ModelChangeError Invalid(string field, string message) => new(field, message, IsConflict: false);
}
