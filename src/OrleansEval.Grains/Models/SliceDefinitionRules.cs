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
        if (!NameRules.IsValidName(slice.Name) || slice.Name == SliceKey.All)
        {
            return Invalid("name", $"must be {NameRules.NameRule}, and not '{SliceKey.All}'");
        }

        if (slice.Conditions.IsDefaultOrEmpty || slice.Conditions.Length > MaxConditions)
        {
            return Invalid("conditions", $"must hold 1 to {MaxConditions} conditions");
        }

        for (var i = 0; i < slice.Conditions.Length; i++)
        {
            var condition = slice.Conditions[i];
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
        }

        return null;
    }

    private static ModelChangeError Invalid(string field, string message) => new(field, message, IsConflict: false);
}
