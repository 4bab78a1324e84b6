namespace OrleansEval.Ingest;

/// <summary>One record of a <see cref="RecordTable"/>, read in place: a view that allocates nothing.</summary>
public readonly struct RecordRow
{
    private readonly RecordTable _table;
    private readonly int _row;

    internal RecordRow(RecordTable table, int row)
    {
        _table = table;
        _row = row;
    }

    /// <summary>Position of the record in the request, from 0.</summary>
    public int Index => _table.Data.Indexes[_row];

    /// <summary>The client's id for the prediction.</summary>
    public string PredictionId => _table.Data.PredictionIds[_row];

    /// <summary>Event time of the prediction.</summary>
    public DateTimeOffset Timestamp => _table.Data.Timestamps[_row];

    /// <summary>Model version; null for the default version.</summary>
    public string? Version => _table.Data.Versions[_row];

    /// <summary>Environment; null for production.</summary>
    public string? Environment => _table.Data.Environments[_row];

    /// <summary>Feature values, in the order the record gave them.</summary>
    public RecordValues Features => Values(0);

    /// <summary>Tag values, in the order the record gave them.</summary>
    public RecordValues Tags => Values(2);

    /// <summary>True when the record has a prediction (possibly with every field missing).</summary>
    public bool HasPrediction => (_table.Data.Parts[_row] & RecordTable.HasPrediction) != 0;

    /// <summary>The predicted label; missing when absent.</summary>
    public FeatureValue PredictionLabel => Outcome(0);

    /// <summary>The positive-class score; missing when absent.</summary>
    public FeatureValue PredictionScore => Outcome(1);

    /// <summary>The predicted value of a regressor; missing when absent.</summary>
    public FeatureValue PredictionValue => Outcome(2);

    /// <summary>True when the record carries its actual.</summary>
    public bool HasActual => (_table.Data.Parts[_row] & RecordTable.HasActual) != 0;

    /// <summary>The actual label; missing when absent.</summary>
    public FeatureValue ActualLabel => Outcome(3);

    /// <summary>The actual value of a regressor; missing when absent.</summary>
    public FeatureValue ActualValue => Outcome(4);

    /// <summary>The prediction as an object (allocates; for callers that want one).</summary>
    public PredictionInput? Prediction => HasPrediction ? new PredictionInput(PredictionLabel, PredictionScore, PredictionValue) : null;

    /// <summary>The actual as an object (allocates; for callers that want one).</summary>
    public ActualInput? Actual => HasActual ? new ActualInput(ActualLabel, ActualValue) : null;

    /// <summary>The record as an object of its own (allocates; for serialization and tests).</summary>
    public RecordInput ToInput() => new()
    {
        Index = Index,
        PredictionId = PredictionId,
        Timestamp = Timestamp,
        Version = Version,
        Environment = Environment,
        Features = Features.ToDictionary(),
        Tags = Tags.ToDictionary(),
        Prediction = Prediction,
        Actual = Actual,
    };

    private FeatureValue Outcome(int field) => _table.Data.Outcomes[(_row * RecordTable.OutcomeFields) + field];

    private RecordValues Values(int range)
    {
        var ranges = _table.Data.Ranges;
        var at = (_row * RecordTable.RangeFields) + range;
        return new RecordValues(_table, ranges[at], ranges[at + 1]);
    }
}
