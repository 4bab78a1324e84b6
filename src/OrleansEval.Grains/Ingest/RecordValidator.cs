using OrleansEval.Grains.Models;
using OrleansEval.Ingest;
using OrleansEval.Keys;
using OrleansEval.Models;

namespace OrleansEval.Grains.Ingest;

/// <summary>
/// Checks one record against a model's schema and, when it is sound, writes its value of every column into a row:
/// numbers for numeric columns (NaN when missing), categories for categorical ones (null when missing).
/// </summary>
internal sealed class RecordValidator
{
    /// <summary>Largest magnitude a numeric value may have: squares and sums of squares must stay finite.</summary>
    public const double MaxMagnitude = 1e150;

    /// <summary>Event times must lie in [1970-01-01, 9000-01-01) UTC.</summary>
    public static readonly DateTimeOffset EarliestTimestamp = DateTimeOffset.UnixEpoch;

    /// <summary>The end of the accepted event-time range.</summary>
    public static readonly DateTimeOffset LatestTimestamp = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ModelDefinition _definition;
    private readonly Dictionary<string, int> _featureIndex = new(StringComparer.Ordinal);
    private readonly HashSet<string> _tags = new(StringComparer.Ordinal);
    private readonly int _predictionScore = -1;
    private readonly int _predictionLabel = -1;
    private readonly int _predictionValue = -1;
    private readonly int _actualLabel = -1;
    private readonly int _actualValue = -1;

    public RecordValidator(ModelDefinition definition, IReadOnlyList<ModelColumn> columns)
    {
        _definition = definition;
        Columns = columns;
        for (var i = 0; i < columns.Count; i++)
        {
            switch (columns[i].Name)
            {
                case ColumnNames.PredictionScore: _predictionScore = i; break;
                case ColumnNames.PredictionLabel: _predictionLabel = i; break;
                case ColumnNames.PredictionValue: _predictionValue = i; break;
                case ColumnNames.ActualLabel: _actualLabel = i; break;
                case ColumnNames.ActualValue: _actualValue = i; break;
                default: _featureIndex[columns[i].Name] = i; break;
            }
        }

        foreach (var tag in definition.Tags)
        {
            _tags.Add(tag.Name);
        }
    }

    public IReadOnlyList<ModelColumn> Columns { get; }

    /// <summary>The prediction and actual of a validated row; NaN and null where the record had none.</summary>
    public PredictionAndActual PredictionAndActual(double[] numbers, string?[] categories) => new(
        _predictionScore < 0 ? double.NaN : numbers[_predictionScore],
        _predictionLabel < 0 ? null : categories[_predictionLabel],
        _predictionValue < 0 ? double.NaN : numbers[_predictionValue],
        _actualLabel < 0 ? null : categories[_actualLabel],
        _actualValue < 0 ? double.NaN : numbers[_actualValue]);

    /// <summary>Checks a late actual against the task; on success returns it in canonical form.</summary>
    public string? ValidateActual(ActualInput actual, out double value, out string? label)
    {
        var numbers = new double[Columns.Count];
        var categories = new string?[Columns.Count];
        Array.Fill(numbers, double.NaN);
        var error = actual is null ? null : ValidateActual(actual.Label, actual.Value, numbers, categories);
        var pair = PredictionAndActual(numbers, categories);
        value = pair.ActualValue;
        label = pair.ActualLabel;
        return error ?? (label is null && double.IsNaN(value)
            ? _definition.Task == ModelTask.Regression ? "actual.value: is required" : "actual.label: is required"
            : null);
    }

    /// <summary>Validates <paramref name="record"/>; on success fills the row and returns null, else the reason.</summary>
    public string? Validate(RecordRow record, double[] numbers, string?[] categories, out SeriesId series) =>
        Validate(record, numbers, categories, out series, out _);

    /// <summary>
    /// Validates <paramref name="record"/>; on failure <paramref name="typeErrorColumn"/> is the index of the feature
    /// whose value had the wrong type or was not finite, when that was the reason (else -1).
    /// </summary>
    public string? Validate(RecordRow record, double[] numbers, string?[] categories, out SeriesId series, out int typeErrorColumn)
    {
        typeErrorColumn = -1;
        series = new SeriesId(record.Version ?? SeriesId.DefaultVersion, record.Environment ?? SeriesId.DefaultEnvironment);
        if (NameRules.Check(NameKind.Name, series.Version) is { } versionRule)
        {
            return $"version: {versionRule}";
        }

        if (NameRules.Check(NameKind.Environment, series.Environment) is { } environmentRule)
        {
            return $"environment: {environmentRule}";
        }

        if (record.Timestamp < EarliestTimestamp || record.Timestamp >= LatestTimestamp)
        {
            return "timestamp: must be between 1970-01-01 and 9000-01-01 (UTC)";
        }

        for (var i = 0; i < Columns.Count; i++)
        {
            numbers[i] = double.NaN;
            categories[i] = null;
        }

        // Names of the schema follow the rule already: only one the schema does not know is checked against it.
        foreach (var (name, value) in record.Features)
        {
            if (!_featureIndex.TryGetValue(name, out var index))
            {
                return NameRules.Check(NameKind.Name, name) is { } featureRule
                    ? $"features: {featureRule}"
                    : $"{Quoting.Path("features", name)}: not a feature of this model (add it to the schema first)";
            }

            var error = Accept(Columns[index].Type, value, "features", index, numbers, categories, name);
            if (error is not null)
            {
                typeErrorColumn = index;
                return error;
            }
        }

        foreach (var (name, value) in record.Tags)
        {
            if (!_tags.Contains(name))
            {
                return NameRules.Check(NameKind.Name, name) is { } tagRule
                    ? $"tags: {tagRule}"
                    : $"{Quoting.Path("tags", name)}: not a tag of this model (add it to the schema first)";
            }

            if (value.Kind is FeatureValueKind.Composite or FeatureValueKind.NonFinite)
            {
                return $"{Quoting.Path("tags", name)}: must be a string, number or boolean";
            }
        }

        return (record.HasPrediction ? ValidatePrediction(record, numbers, categories) : null)
            ?? (record.HasActual ? ValidateActual(record.ActualLabel, record.ActualValue, numbers, categories) : null);
    }

    private string? ValidatePrediction(RecordRow record, double[] numbers, string?[] categories)
    {
        switch (_definition.Task)
        {
            case ModelTask.Regression:
                return Accept(FeatureType.Numeric, record.PredictionValue, "prediction.value", _predictionValue, numbers, categories);

            case ModelTask.BinaryClassification:
                var error = Accept(FeatureType.Numeric, record.PredictionScore, "prediction.score", _predictionScore, numbers, categories);
                if (error is not null)
                {
                    return error;
                }

                var score = numbers[_predictionScore];
                if (!double.IsNaN(score) && score is < 0 or > 1)
                {
                    return "prediction.score: must be a probability between 0 and 1";
                }

                error = AcceptLabel(record.PredictionLabel, "prediction.label", _predictionLabel, categories);
                if (error is not null)
                {
                    return error;
                }

                categories[_predictionLabel] = _definition.PredictedLabel(categories[_predictionLabel], score);

                return null;

            default:
                return AcceptClass(record.PredictionLabel, "prediction.label", _predictionLabel, numbers, categories);
        }
    }

    private string? ValidateActual(FeatureValue label, FeatureValue value, double[] numbers, string?[] categories) =>
        _definition.Task switch
        {
            ModelTask.Regression => Accept(FeatureType.Numeric, value, "actual.value", _actualValue, numbers, categories),
            ModelTask.BinaryClassification => AcceptLabel(label, "actual.label", _actualLabel, categories),
            _ => AcceptClass(label, "actual.label", _actualLabel, numbers, categories),
        };

    private string? AcceptClass(FeatureValue value, string field, int index, double[] numbers, string?[] categories)
    {
        var error = Accept(FeatureType.Categorical, value, field, index, numbers, categories);
        if (error is null && categories[index] is { } label && LabelRules.Check(label) is { } rule)
        {
            categories[index] = null;
            return $"{field}: {rule}";
        }

        if (error is null && categories[index] is { } unknown && !_definition.Classes.IsDefaultOrEmpty && !_definition.Classes.Contains(unknown))
        {
            categories[index] = null;
            return $"{field}: {Quoting.Quote(unknown)} is not one of the model's classes{ClassList()}";
        }

        return error;
    }

    // Up to 256 classes of up to 128 characters: the list is named only while it stays short.
    private string ClassList() =>
        _definition.Classes.Length <= 10 && _definition.Classes.Sum(c => c.Length) <= 200 ? $" ({string.Join(", ", _definition.Classes)})" : $" ({_definition.Classes.Length} classes; see the model)";

    private string? AcceptLabel(FeatureValue value, string field, int index, string?[] categories)
    {
        if (value.Kind == FeatureValueKind.Missing)
        {
            return null;
        }

        var label = value.AsCategory();
        if (label != _definition.PositiveLabel && label != _definition.NegativeLabel)
        {
            return $"{field}: must be the positive label \"{_definition.PositiveLabel}\" or the negative label \"{_definition.NegativeLabel}\"";
        }

        categories[index] = label;
        return null;
    }

    // The value of field, or of key in the object field (a feature); the label is made only for an error.
    private static string? Accept(FeatureType type, FeatureValue value, string field, int index, double[] numbers, string?[] categories, string? key = null)
    {
        switch (value.Kind)
        {
            case FeatureValueKind.Missing:
                return null;
            case FeatureValueKind.NonFinite:
                return $"{Quoting.Path(field, key)}: must be a finite number";
            case FeatureValueKind.Number when Math.Abs(value.Number) > MaxMagnitude:
                return $"{Quoting.Path(field, key)}: must be a finite number of magnitude at most 1e150";
            case FeatureValueKind.Composite:
                return $"{Quoting.Path(field, key)}: must be a single value, not an object or array";
        }

        if (type == FeatureType.Numeric)
        {
            if (value.Kind != FeatureValueKind.Number)
            {
                return $"{Quoting.Path(field, key)}: must be a number (the column is numeric), got {Describe(value.Kind)}";
            }

            numbers[index] = value.Number;
            return null;
        }

        categories[index] = value.AsCategory();
        return null;
    }

    private static string Describe(FeatureValueKind kind) => kind switch
    {
        FeatureValueKind.Text => "a string",
        FeatureValueKind.Boolean => "a boolean",
        _ => "another type",
    };
}
