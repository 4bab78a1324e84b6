using Microsoft.AspNetCore.Http;
using OrleansEval.Keys;

namespace OrleansEval.Gateway.Http;

/// <summary>Turns a broken <see cref="NameRules"/> rule into the 400 problem that names the field and quotes the rule.</summary>
internal static class NameChecks
{
    /// <summary>Null when <paramref name="value"/> is a valid name of <paramref name="kind"/>, else the problem.</summary>
    public static IResult? Problem(string field, NameKind kind, string? value) =>
        NameRules.Check(kind, value) is { } rule ? Problems.BadRequest(field, rule) : null;
}
