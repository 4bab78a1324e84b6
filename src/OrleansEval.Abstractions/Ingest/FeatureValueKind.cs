namespace OrleansEval.Ingest;

/// <summary>What a record carried for one column.</summary>
[GenerateSerializer]
[Alias("OrleansEval.FeatureValueKind")]
public enum FeatureValueKind : byte
{
    /// <summary>Absent or JSON null.</summary>
    Missing = 0,

    /// <summary>A JSON number.</summary>
    Number = 1,

    /// <summary>A JSON string.</summary>
    Text = 2,

    /// <summary>A JSON true or false.</summary>
    Boolean = 3,

    /// <summary>A number that is not finite (too large for a double), kept so the schema check can name it.</summary>
    NonFinite = 4,

    /// <summary>An object or array, which no column accepts.</summary>
    Composite = 5,
}
