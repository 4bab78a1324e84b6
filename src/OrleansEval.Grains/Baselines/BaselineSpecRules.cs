using OrleansEval.Baselines;
using OrleansEval.Keys;
using OrleansEval.Models;

namespace OrleansEval.Grains.Baselines;

/// <summary>The rules a baseline request must follow; a failure names the field and the rule.</summary>
internal static class BaselineSpecRules
{
    public static (string Field, string Message)? Validate(string name, BaselineSpec spec, ModelDefinition definition)
    {
        if (NameRules.Check(NameKind.Name, name) is { } nameRule)
        {
            return ("name", nameRule);
        }

        if (NameRules.Check(NameKind.Name, spec.Version) is { } versionRule)
        {
            return ("version", versionRule);
        }

        if (NameRules.Check(NameKind.Environment, spec.Environment) is { } environmentRule)
        {
            return ("environment", environmentRule);
        }

        var earliest = DateTimeOffset.UnixEpoch;
        var latest = new DateTimeOffset(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        if (spec.From is { } start && (start < earliest || start >= latest))
        {
            return ("from", "must be between 1970-01-01 and 9000-01-01 (UTC)");
        }

        if (spec.To is { } end && (end <= earliest || end > latest))
        {
            return ("to", "must be after 1970-01-01 and no later than 9000-01-01 (UTC)");
        }

        if (spec.From is { } from && spec.To is { } to && from >= to)
        {
            return ("to", "must be later than from");
        }

        if (spec.Bins is < 2 or > 100)
        {
            return ("bins", "must be between 2 and 100");
        }

        foreach (var (column, cuts) in spec.Edges)
        {
            if (column is not (ColumnNames.PredictionScore or ColumnNames.PredictionValue or ColumnNames.ActualValue)
                && NameRules.Check(NameKind.Name, column) is { } columnRule)
            {
                return ("edges", columnRule);
            }

            var feature = definition.Features.FirstOrDefault(f => f.Name == column);
            if (feature is null && column is not (ColumnNames.PredictionScore or ColumnNames.PredictionValue or ColumnNames.ActualValue))
            {
                return ($"edges.{column}", "is not a feature of this model");
            }

            if (feature is { Type: not FeatureType.Numeric })
            {
                return ($"edges.{column}", "explicit edges are only for numeric features");
            }

            if (cuts.IsDefaultOrEmpty || cuts.Length > 99)
            {
                return ($"edges.{column}", "must hold 1 to 99 cut points");
            }

            for (var i = 0; i < cuts.Length; i++)
            {
                if (!double.IsFinite(cuts[i]) || (i > 0 && cuts[i] <= cuts[i - 1]))
                {
                    return ($"edges.{column}", "cut points must be finite and strictly ascending");
                }
            }
        }

        return null;
    }
}
