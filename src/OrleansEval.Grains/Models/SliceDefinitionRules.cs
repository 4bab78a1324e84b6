using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Slices;

namespace OrleansEval.Grains.Models;

/// <summary>The rules a user-defined slice must follow; a failure names the field and the rule.</summary>
internal static class SliceDefinitionRules
{
    public const int MaxConditions = 16;

    public static ModelChangeError? Validate(SliceDefinition slice, ModelDefinition definition)
    {
        if (NameRules.Check(NameKind.Name, slice.Name) is { } rule)
        {
            return Invalid("name", rule);
        }

        if (slice.Name == SliceKey.All)
        {
            return Invalid("name", $"must not be '{SliceKey.All}', the name of the whole model");
        }

        if (slice.Conditions.IsDefaultOrEmpty || slice.Conditions.Length > MaxConditions)
        {
            return Invalid("conditions", $"must hold 1 to {MaxConditions} conditions");
        }

        for (var i = 0; i < slice.Conditions.Length; i++)
        {
            var condition = slice.Conditions[i];
            if (NameRules.Check(NameKind.Name, condition.Column) is { } columnRule)
            {
                return Invalid($"conditions[{i}]", $"the column {columnRule}");
            }

            var column = definition.FindColumn(condition.Column);
            if (column is null)
            {
                return Invalid($"conditions[{i}]", $"'{condition.Column}' is not a feature or tag of this model");
            }

            if (condition.Operator == SliceOperator.InRange && column.Type != FeatureType.Numeric)
            {
                return Invalid($"conditions[{i}]", $"'{condition.Column}' is categorical: use = or !=");
            }

            if (condition.Operator != SliceOperator.InRange && column.Type != FeatureType.Categorical)
            {
                return Invalid($"conditions[{i}]", $"'{condition.Column}' is numeric: use 'in [lower, upper)'");
            }

            if (condition.Value is { } value && (value.Length > SliceKey.MaxMemberLength || value.Any(char.IsControl)))
            {
                return Invalid($"conditions[{i}]", $"the value {Quoting.Quote(value)} must be at most {SliceKey.MaxMemberLength} characters without control characters");
            }
        }

        return null;
    }

    private static ModelChangeError Invalid(string field, string message) => new(field, message, IsConflict: false);
}
