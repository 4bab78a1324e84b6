using System.Collections.Immutable;
using OrleansEval.Grains.Models;
using OrleansEval.Ingest;
using OrleansEval.Models;
using OrleansEval.Slices;
using OrleansEval.Sketches.Binning;

namespace OrleansEval.Grains.Slices;

/// <summary>
/// Decides, once per record, every slice it belongs to: the whole model; each categorical feature's and tag's value;
/// the bin of each numeric feature under every baseline's cut points; and each user-defined slice whose conditions
/// all hold.
/// </summary>
internal sealed class SliceRouter
{
    /// <summary>Member of a column's family for records without a value.</summary>
    public const string MissingMember = "(missing)";

    /// <summary>Member of a column's family for categories beyond the per-column cap.</summary>
    public const string OtherMember = "(other)";

    /// <summary>
    /// The member a category is kept under: itself, unless it could pass for an interval ("[…"), a special member
    /// ("(…)", "all") or an escaped one ("\…"), which gets a leading backslash. Only the router makes intervals.
    /// </summary>
    public static string CategoryMember(string category) =>
        category.Length > 0 && (category[0] is '[' or '(' or '\\' || category == SliceKey.All) ? "\\" + category : category;

    private readonly IReadOnlyList<ModelColumn> _columns;
    private readonly Dictionary<string, int> _columnIndex = new(StringComparer.Ordinal);
    private readonly ImmutableArray<FeatureDefinition> _tags;
    private readonly (int Column, string Family, BinEdges Edges, string[] Members)[] _bins;
    private readonly bool[] _binsShareFamily;
    private readonly ImmutableArray<SliceDefinition> _userSlices;

    public SliceRouter(ModelSnapshot snapshot, IReadOnlyList<ModelColumn> columns)
    {
        _columns = columns;
        for (var i = 0; i < columns.Count; i++)
        {
            _columnIndex[columns[i].Name] = i;
        }

        _tags = [.. snapshot.Definition.Tags.Where(t => t.Type == FeatureType.Categorical)];
        _bins = [.. snapshot.SliceBins
            .Where(b => _columnIndex.ContainsKey(b.Column))
            .Select(b =>
            {
                var edges = new BinEdges(b.CutPoints);
                var members = Enumerable.Range(0, edges.BinCount)
                    .Select(i => SliceCondition.Interval(edges.Lower(i) ?? double.NegativeInfinity, edges.Upper(i) ?? double.PositiveInfinity))
                    .ToArray();
                return (_columnIndex[b.Column], SliceKey.ColumnFamily(b.Column), edges, members);
            })];
        _binsShareFamily = [.. _bins.Select((bins, b) => _bins.Take(b).Any(earlier => earlier.Family == bins.Family))];
        _userSlices = snapshot.Slices;
        Families = [.. EnumerateFamilies(snapshot)];
    }

    /// <summary>Every slice family a record of this model can reach.</summary>
    public ImmutableArray<string> Families { get; }

    /// <summary>The slice families of a model, for readers that must visit them all.</summary>
    public static IEnumerable<string> EnumerateFamilies(ModelSnapshot snapshot)
    {
        yield return SliceKey.All;
        var numericWithBins = snapshot.SliceBins.Select(b => b.Column).ToHashSet(StringComparer.Ordinal);
        foreach (var feature in snapshot.Definition.Features)
        {
            if (feature.Type == FeatureType.Categorical || numericWithBins.Contains(feature.Name))
            {
                yield return SliceKey.ColumnFamily(feature.Name);
            }
        }

        foreach (var tag in snapshot.Definition.Tags.Where(t => t.Type == FeatureType.Categorical))
        {
            yield return SliceKey.ColumnFamily(tag.Name);
        }

        foreach (var slice in snapshot.Slices)
        {
            yield return SliceKey.UserFamily(slice.Name, slice.Generation);
        }
    }

    /// <summary>
    /// <paramref name="key"/> as the model's slices count it: a user slice named by the API is the family of its current
    /// definition; any other key, or a name the model does not define, is answered as it is.
    /// </summary>
    public static SliceKey Resolve(ModelSnapshot snapshot, SliceKey key)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(key);
        var name = key.UserName;
        var definition = name is null ? null : snapshot.Slices.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));
        return definition is null ? key : SliceKey.OfUser(definition.Name, definition.Generation);
    }

    /// <summary>Adds every slice of a validated record to <paramref name="slices"/>.</summary>
    public void Route(RecordRow record, double[] numbers, string?[] categories, List<SliceKey> slices)
    {
        slices.Add(SliceKey.Everything);
        for (var i = 0; i < _columns.Count; i++)
        {
            if (_columns[i].Role == ColumnRole.Feature && _columns[i].Type == FeatureType.Categorical)
            {
                slices.Add(SliceKey.OfColumn(_columns[i].Name, categories[i] is { } category ? CategoryMember(category) : MissingMember));
            }
        }

        foreach (var tag in _tags)
        {
            slices.Add(SliceKey.OfColumn(tag.Name, record.Tags.GetValueOrDefault(tag.Name).AsCategory() is { } category ? CategoryMember(category) : MissingMember));
        }

        for (var b = 0; b < _bins.Length; b++)
        {
            var (column, family, edges, members) = _bins[b];
            var value = numbers[column];
            var key = new SliceKey(family, double.IsNaN(value) ? MissingMember : members[edges.BinOf(value)]);

            // Baselines with other cut points share the column's family: a member they have in common (the missing
            // value, an equal interval) counts the record once, not once per baseline.
            if (!_binsShareFamily[b] || !slices.Contains(key))
            {
                slices.Add(key);
            }
        }

        foreach (var slice in _userSlices)
        {
            if (Matches(slice, record, numbers, categories))
            {
                slices.Add(SliceKey.OfUser(slice.Name, slice.Generation));
            }
        }
    }

    private bool Matches(SliceDefinition slice, RecordRow record, double[] numbers, string?[] categories)
    {
        foreach (var condition in slice.Conditions)
        {
            bool holds;
            if (_columnIndex.TryGetValue(condition.Column, out var index))
            {
                holds = condition.Operator == SliceOperator.InRange ? condition.Matches(numbers[index]) : condition.Matches(categories[index]);
            }
            else
            {
                holds = condition.Matches(record.Tags.GetValueOrDefault(condition.Column).AsCategory());
            }

            if (!holds)
            {
                return false;
            }
        }

        return true;
    }
}
