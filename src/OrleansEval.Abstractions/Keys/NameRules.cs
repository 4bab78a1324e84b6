using System.Text.RegularExpressions;

namespace OrleansEval.Keys;

/// <summary>
/// The rules every identifier that becomes part of a grain key or storage name must follow, checked before anything
/// reaches storage.
/// </summary>
public static partial class NameRules
{
    /// <summary>Model ids: 1–64 of letters, digits, '.', '_' and '-'.</summary>
    public const string ModelIdRule = "1 to 64 characters from A-Z, a-z, 0-9, '.', '_' and '-'";

    /// <summary>Feature, tag, version and baseline names: 1–128 of the same characters.</summary>
    public const string NameRule = "1 to 128 characters from A-Z, a-z, 0-9, '.', '_' and '-'";

    /// <summary>Environments a record may name.</summary>
    public static readonly IReadOnlyList<string> Environments = ["training", "validation", "production", "shadow"];

    /// <summary>True when <paramref name="modelId"/> follows <see cref="ModelIdRule"/>.</summary>
    public static bool IsValidModelId(string? modelId) => modelId is not null && ModelIdPattern().IsMatch(modelId);

    /// <summary>True when <paramref name="name"/> follows <see cref="NameRule"/>.</summary>
    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>True when <paramref name="environment"/> is one of <see cref="Environments"/>.</summary>
    public static bool IsValidEnvironment(string? environment) =>
        environment is not null && Environments.Contains(environment, StringComparer.Ordinal);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex ModelIdPattern();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
