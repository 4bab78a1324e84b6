using Parquet.Schema;

namespace OrleansEval.Grains.Rows;

/// <summary>
/// The Parquet columns of the row store's parts, named for the people who read them with pandas, DuckDB or Spark:
/// times are UTC timestamps (microseconds, adjusted to UTC), which those read as datetimes; values are nullable.
/// </summary>
internal static class RowSchema
{
    /// <summary>A row's prediction id.</summary>
    public const string PredictionId = "predictionId";

    /// <summary>A row's event time.</summary>
    public const string Timestamp = "timestamp";

    /// <summary>When the store took the row's batch, or the late actual's.</summary>
    public const string Arrived = "arrived";

    /// <summary>The model revision a row's batch was counted under.</summary>
    public const string Revision = "revision";

    /// <summary>A row's number in its series' day, in order of application.</summary>
    public const string Row = "row";

    /// <summary>A row's reservoir slot in its series' day.</summary>
    public const string Slot = "slot";

    /// <summary>The predicted label.</summary>
    public const string PredictionLabel = "prediction.label";

    /// <summary>The positive-class score.</summary>
    public const string PredictionScore = "prediction.score";

    /// <summary>The predicted value of a regressor.</summary>
    public const string PredictionValue = "prediction.value";

    /// <summary>The actual label.</summary>
    public const string ActualLabel = "actual.label";

    /// <summary>The actual value of a regressor.</summary>
    public const string ActualValue = "actual.value";

    /// <summary>What the name of a feature's column starts with.</summary>
    public const string FeaturePrefix = "features.";

    /// <summary>What the name of a tag's column starts with.</summary>
    public const string TagPrefix = "tags.";

    /// <summary>The column of feature <paramref name="name"/>.</summary>
    public static string Feature(string name) => FeaturePrefix + name;

    /// <summary>The column of tag <paramref name="name"/>.</summary>
    public static string Tag(string name) => TagPrefix + name;

    /// <summary>A UTC timestamp column.</summary>
    public static DataField Time(string name) =>
        new DateTimeDataField(name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: false);

    /// <summary>A required 64-bit integer column.</summary>
    public static DataField Int64(string name) => new DataField<long>(name, nullable: false);

    /// <summary>A nullable double column.</summary>
    public static DataField Number(string name) => new DataField<double?>(name, nullable: true);

    /// <summary>A nullable string column.</summary>
    public static DataField Text(string name) => new DataField<string>(name, nullable: true);

    /// <summary>A required string column.</summary>
    public static DataField RequiredText(string name) => new DataField<string>(name, nullable: false);
}
