namespace OrleansEval.Ingest;

/// <summary>
/// Fills a <see cref="RecordTable"/> record by record, field by field, in pooled buffers: the parser writes each value
/// where it belongs as it reads it, with no object per record. Names are numbered, and short categories kept, once per
/// table, looked up by their characters so that a repeated one costs no allocation. A record is begun, filled, and
/// then kept (<see cref="Keep"/>) or dropped (<see cref="Drop"/>, when it was rejected).
/// </summary>
public sealed class RecordTableBuilder
{
    /// <summary>Categories longer than this are not looked up: long texts rarely repeat.</summary>
    public const int MaxKeptTextLength = 64;

    private const int MaxKeptTexts = 4_096;

    private readonly RecordColumns _columns = new();
    private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _nameLookup;
    private readonly HashSet<string> _texts = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _textLookup;
    private int[] _stamps = new int[32];
    private int _stamp;
    private int _count;
    private int _cells;
    private int _recordCells;
    private int _valuesAt = -1;
    private bool _built;

    /// <summary>An empty builder.</summary>
    public RecordTableBuilder()
    {
        _nameLookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
        _textLookup = _texts.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The number of records kept so far.</summary>
    public int Count => _count;

    /// <summary>Begins the next record, at position <paramref name="index"/> of the request.</summary>
    public void Begin(int index)
    {
        ObjectDisposedException.ThrowIf(_built, this);
        _columns.EnsureRecord(_count);
        _columns.Indexes[_count] = index;
        _columns.PredictionIds[_count] = "";
        _columns.Timestamps[_count] = default;
        _columns.Versions[_count] = null;
        _columns.Environments[_count] = null;
        _columns.Parts[_count] = 0;
        _columns.Ranges.AsSpan(_count * RecordTable.RangeFields, RecordTable.RangeFields).Fill(_cells);
        _columns.Outcomes.AsSpan(_count * RecordTable.OutcomeFields, RecordTable.OutcomeFields).Clear();
        _recordCells = _cells;
    }

    /// <summary>Sets the current record's prediction id.</summary>
    public void SetPredictionId(string id) => _columns.PredictionIds[_count] = id;

    /// <summary>Sets the current record's event time.</summary>
    public void SetTimestamp(DateTimeOffset timestamp) => _columns.Timestamps[_count] = timestamp;

    /// <summary>Sets the current record's version (null for the default).</summary>
    public void SetVersion(string? version) => _columns.Versions[_count] = version;

    /// <summary>Sets the current record's environment (null for production).</summary>
    public void SetEnvironment(string? environment) => _columns.Environments[_count] = environment;

    /// <summary>Sets the current record's prediction.</summary>
    public void SetPrediction(FeatureValue label, FeatureValue score, FeatureValue value)
    {
        var at = _count * RecordTable.OutcomeFields;
        _columns.Outcomes[at] = label;
        _columns.Outcomes[at + 1] = score;
        _columns.Outcomes[at + 2] = value;
        _columns.Parts[_count] |= RecordTable.HasPrediction;
    }

    /// <summary>Sets the current record's actual.</summary>
    public void SetActual(FeatureValue label, FeatureValue value)
    {
        var at = _count * RecordTable.OutcomeFields;
        _columns.Outcomes[at + 3] = label;
        _columns.Outcomes[at + 4] = value;
        _columns.Parts[_count] |= RecordTable.HasActual;
    }

    /// <summary>
    /// Begins the current record's features, or its tags (<paramref name="tags"/>): the values added next are its
    /// values of that kind, replacing any given before.
    /// </summary>
    public void BeginValues(bool tags)
    {
        _valuesAt = (_count * RecordTable.RangeFields) + (tags ? 2 : 0);
        _columns.Ranges[_valuesAt] = _cells;
        _columns.Ranges[_valuesAt + 1] = _cells;
        _stamp++;
    }

    /// <summary>
    /// Adds a value named by <paramref name="name"/> (a number from <see cref="Name"/>) to the features or tags begun
    /// last; false, and nothing added, when they already hold that name.
    /// </summary>
    public bool AddValue(int name, FeatureValue value)
    {
        if (_stamps[name] == _stamp)
        {
            return false;
        }

        _stamps[name] = _stamp;
        _columns.EnsureCell(_cells);
        _columns.CellNames[_cells] = name;
        _columns.CellValues[_cells] = value;
        _columns.Ranges[_valuesAt + 1] = ++_cells;
        return true;
    }

    /// <summary>The table-wide number of the name <paramref name="name"/>, given one the first time it is seen.</summary>
    public int Name(ReadOnlySpan<char> name)
    {
        if (_nameLookup.TryGetValue(name, out var known))
        {
            return known;
        }

        var number = _names.Count;
        var text = name.ToString();
        _names.Add(text, number);
        _columns.EnsureName(number);
        _columns.Names[number] = text;
        if (number >= _stamps.Length)
        {
            Array.Resize(ref _stamps, _stamps.Length * 2);
        }

        return number;
    }

    /// <summary>The name numbered <paramref name="number"/>.</summary>
    public string NameOf(int number) => _columns.Names[number];

    /// <summary>The text <paramref name="text"/> as a string, the same string each time for a short one.</summary>
    public string Text(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxKeptTextLength)
        {
            return text.ToString();
        }

        if (_textLookup.TryGetValue(text, out var kept))
        {
            return kept;
        }

        var made = text.ToString();
        if (_texts.Count < MaxKeptTexts)
        {
            _texts.Add(made);
        }

        return made;
    }

    /// <summary>Keeps the current record.</summary>
    public void Keep() => _count++;

    /// <summary>Drops the current record and its values.</summary>
    public void Drop() => _cells = _recordCells;

    /// <summary>Adds a record given as an object, its values in the order its dictionaries enumerate them.</summary>
    public void Add(RecordInput record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Begin(record.Index);
        SetPredictionId(record.PredictionId);
        SetTimestamp(record.Timestamp);
        SetVersion(record.Version);
        SetEnvironment(record.Environment);
        AddValues(record.Features, tags: false);
        AddValues(record.Tags, tags: true);
        if (record.Prediction is { } prediction)
        {
            SetPrediction(prediction.Label, prediction.Score, prediction.Value);
        }

        if (record.Actual is { } actual)
        {
            SetActual(actual.Label, actual.Value);
        }

        Keep();
    }

    /// <summary>The table of the records kept; the builder is used up.</summary>
    public RecordTable Build()
    {
        ObjectDisposedException.ThrowIf(_built, this);
        _built = true;
        return new RecordTable(_count, _columns);
    }

    private void AddValues(IEnumerable<KeyValuePair<string, FeatureValue>> values, bool tags)
    {
        BeginValues(tags);
        foreach (var (name, value) in values)
        {
            AddValue(Name(name), value);
        }
    }
}
