using OrleansEval.Keys;
using OrleansEval.Models;

namespace OrleansEval.Grains.Models;

/// <summary>The rules a model definition, and a change to one, must follow. Each failure names the field and the rule.</summary>
internal static class ModelDefinitionRules
{
    public static readonly TimeSpan MinBucket = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxBucket = TimeSpan.FromDays(7);

    public static ModelChangeError? Validate(ModelDefinition definition)
    {
        if (!Enum.IsDefined(definition.Task))
        {
            return Invalid("task", "must be binary_classification, multiclass_classification or regression");
        }

        if (definition.Bucket < MinBucket || definition.Bucket > MaxBucket || definition.Bucket.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            return Invalid("bucket", "must be a whole number of seconds between 1 minute and 7 days");
        }

        if (definition.Task == ModelTask.BinaryClassification)
        {
            if (!double.IsFinite(definition.Threshold) || definition.Threshold is < 0 or > 1)
            {
                return Invalid("threshold", "must be a number between 0 and 1");
            }

            if (LabelRules.Check(definition.PositiveLabel) is { } positive)
            {
                return Invalid("positiveLabel", positive);
            }

            if (LabelRules.Check(definition.NegativeLabel) is { } negative)
            {
                return Invalid("negativeLabel", negative);
            }

            if (definition.PositiveLabel == definition.NegativeLabel)
            {
                return Invalid("positiveLabel", "must differ from negativeLabel");
            }
        }

        if (ValidateClasses(definition) is { } classes)
        {
            return classes;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (column, group) in definition.Features.Select(f => (f, "features")).Concat(definition.Tags.Select(t => (t, "tags"))))
        {
            if (NameRules.Check(NameKind.Name, column.Name) is { } rule)
            {
                return Invalid($"{group}.name", rule);
            }

            if (!Enum.IsDefined(column.Type))
            {
                return Invalid($"{group}.{column.Name}.type", "must be numeric or categorical");
            }

            if (!names.Add(column.Name))
            {
                return Invalid($"{group}.{column.Name}", "is defined twice; feature and tag names must be unique");
            }
        }

        return null;
    }

    /// <summary>A change may add columns and move the threshold; it may not change the task, the bucket, or any column's type.</summary>
    public static ModelChangeError? ValidateChange(ModelDefinition current, ModelDefinition proposed)
    {
        if (current.Task != proposed.Task)
        {
            return Conflict("task", "cannot change once the model is registered");
        }

        if (current.Bucket != proposed.Bucket)
        {
            return Conflict("bucket", "cannot change once the model is registered");
        }

        if (current.PositiveLabel != proposed.PositiveLabel || current.NegativeLabel != proposed.NegativeLabel)
        {
            return Conflict("positiveLabel", "labels cannot change once the model is registered");
        }

        if (!current.Classes.IsDefaultOrEmpty && current.Classes.Except(proposed.Classes.IsDefault ? [] : proposed.Classes).Any())
        {
            return Conflict("classes", "may only grow: a class cannot be removed");
        }

        foreach (var (column, group) in current.Features.Select(f => (f, "features")).Concat(current.Tags.Select(t => (t, "tags"))))
        {
            var replacement = (group == "features" ? proposed.Features : proposed.Tags).FirstOrDefault(c => c.Name == column.Name);
            if (replacement is null)
            {
                return Conflict($"{group}.{column.Name}", "cannot be removed; a schema may only grow");
            }

            if (replacement.Type != column.Type)
            {
                return Conflict($"{group}.{column.Name}.type", $"cannot change from {column.Type.ToString().ToLowerInvariant()} to {replacement.Type.ToString().ToLowerInvariant()}");
            }
        }

        return null;
    }

    private static ModelChangeError? ValidateClasses(ModelDefinition definition)
    {
        if (definition.Classes.IsDefaultOrEmpty)
        {
            return null;
        }

        if (definition.Task != ModelTask.MulticlassClassification)
        {
            return Invalid("classes", "are for multiclass models only");
        }

        if (definition.Classes.Length > LabelRules.MaxClasses)
        {
            return Invalid("classes", $"a model may declare at most {LabelRules.MaxClasses} classes");
        }

        for (var i = 0; i < definition.Classes.Length; i++)
        {
            if (LabelRules.Check(definition.Classes[i]) is { } rule)
            {
                return Invalid($"classes[{i}]", rule);
            }
        }

        return definition.Classes.Distinct(StringComparer.Ordinal).Count() != definition.Classes.Length
            ? Invalid("classes", "must be distinct labels")
            : null;
    }

    private static ModelChangeError Invalid(string field, string message) => new(field, message, IsConflict: false);

    private static ModelChangeError Conflict(string field, string message) => new(field, message, IsConflict: true);
}
