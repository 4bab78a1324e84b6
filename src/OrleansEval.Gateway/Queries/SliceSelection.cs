using System.Collections.Immutable;
using OrleansEval.Keys;
using OrleansEval.Models;
using OrleansEval.Rows;
using OrleansEval.Slices;

namespace OrleansEval.Gateway.Queries;

/// <summary>
/// The rows a read is narrowed to: its <c>where=</c> conditions and its <c>slice=</c> (a named slice, or an elementary
/// slice id such as <c>origin = SJU</c>), resolved into one conjunction of conditions, or the field at fault.
/// </summary>
internal static class SliceSelection
{
    /// <summary>The conditions of <paramref name="texts"/>, each parsed, or the first that cannot be.</summary>
    public static (ImmutableArray<SliceCondition> Conditions, QueryFailure? Failure) ParseWhere(IReadOnlyList<string?> texts)
    {
        var conditions = ImmutableArray.CreateBuilder<SliceCondition>(texts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            if (!SliceConditionParser.TryParse(texts[i], out var condition, out var error))
            {
                return ([], QueryFailure.Invalid(Field(i, texts.Count), error!));
            }

            conditions.Add(condition!);
        }

        return (conditions.ToImmutable(), null);
    }

    /// <summary>
    /// <paramref name="where"/> checked against the model's columns, with the conditions of <paramref name="slice"/>
    /// added; null or <c>all</c> adds none.
    /// </summary>
    public static (ImmutableArray<SliceCondition> Conditions, QueryFailure? Failure) Resolve(string? slice, ModelSnapshot model, ImmutableArray<SliceCondition> where)
    {
        ArgumentNullException.ThrowIfNull(model);
        for (var i = 0; i < where.Length; i++)
        {
            if (RowFilter.Check(where[i], model.Definition) is { } rule)
            {
                return ([], QueryFailure.Invalid(Field(i, where.Length), rule));
            }
        }

        if (slice is null or SliceKey.All)
        {
            return (where, null);
        }

        if (SliceKey.Check(slice) is { } invalid)
        {
            return ([], QueryFailure.Invalid("slice", invalid));
        }

        if (SliceKey.FromApiId(slice).Column is not null)
        {
            // An elementary slice id ("origin = SJU", "hour in [17, inf)") is one condition in the slice syntax.
            if (!SliceConditionParser.TryParse(slice, out var condition, out var error))
            {
                return ([], QueryFailure.Invalid("slice", error!));
            }

            return RowFilter.Check(condition!, model.Definition) is { } rule
                ? ([], QueryFailure.Invalid("slice", rule))
                : (where.Add(condition!), null);
        }

        var named = model.Slices.FirstOrDefault(s => string.Equals(s.Name, slice, StringComparison.Ordinal));
        return named is null
            ? ([], QueryFailure.Invalid("slice", $"model '{model.ModelId}' has no slice named {Quoting.Quote(slice)}"))
            : (where.AddRange(named.Conditions), null);
    }

    // A single where= is named "where", one of several "where[i]", so a client finds the condition it sent.
    private static string Field(int index, int count) => count == 1 ? "where" : $"where[{index}]";
}
