using OrleansEval.Keys;

namespace OrleansEval.Gateway.Queries;

/// <summary>A read refused: the field at fault, the rule it broke, and whether it was invalid or names nothing held.</summary>
internal sealed record QueryFailure(QueryFailureKind Kind, string Field, string Rule)
{
    /// <summary>The field is missing or breaks the rule.</summary>
    public static QueryFailure Invalid(string field, string rule) => new(QueryFailureKind.Invalid, field, rule);

    /// <summary>Null when <paramref name="value"/> is a valid name of <paramref name="kind"/>, else the failure quoting the rule.</summary>
    public static QueryFailure? OfName(string field, NameKind kind, string? value) =>
        NameRules.Check(kind, value) is { } rule ? Invalid(field, rule) : null;

    /// <summary>The failure a query worker answered instead of a report.</summary>
    public static QueryFailure FromWorker(string field, string rule, bool notFound) =>
        new(notFound ? QueryFailureKind.NotFound : QueryFailureKind.Invalid, field, rule);
}
