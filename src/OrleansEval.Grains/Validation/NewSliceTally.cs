using System.Collections.Immutable;
using OrleansEval.Rows;
using OrleansEval.Validation;

namespace OrleansEval.Grains.Validation;

/// <summary>
/// Counts the categorical values (of features and tags) of the candidate's rows and notes those the reference's rows
/// hold, so that the values of the candidate the reference never had can be named as new slices.
/// </summary>
internal sealed class NewSliceTally
{
    private readonly Dictionary<string, long> _candidate = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reference = new(StringComparer.Ordinal);

    /// <summary>Takes the categorical values of <paramref name="block"/>, read from the candidate or the reference.</summary>
    public void Add(RowBlock block, bool candidate)
    {
        ArgumentNullException.ThrowIfNull(block);
        foreach (var column in block.Features.Concat(block.Tags).Where(c => !c.IsNumeric))
        {
            foreach (var value in column.Categories)
            {
                if (value is null)
                {
                    continue;
                }

                var slice = $"{column.Name} = {value}";
                if (candidate)
                {
                    _candidate[slice] = _candidate.GetValueOrDefault(slice) + 1;
                }
                else
                {
                    _reference.Add(slice);
                }
            }
        }
    }

    /// <summary>The candidate's slices of at least <paramref name="minSize"/> rows the reference never had, largest first.</summary>
    public ImmutableArray<NewSlice> NewSlices(int minSize) =>
    [
        .. _candidate
            .Where(entry => entry.Value >= minSize && !_reference.Contains(entry.Key))
            .OrderByDescending(entry => entry.Value)
            .ThenBy(entry => entry.Key, StringComparer.Ordinal)
            .Select(entry => new NewSlice(entry.Key, entry.Value)),
    ];
}
