using System.Globalization;

namespace OrleansEval.Baselines;

/// <summary>Builds the key of a baseline's exact bin counters: its name and revision, so a re-freeze never reuses counts.</summary>
public static class BaselineCounterKey
{
    /// <summary>The counter key of revision <paramref name="revision"/> of baseline <paramref name="name"/>.</summary>
    public static string For(string name, long revision) =>
        string.Create(CultureInfo.InvariantCulture, $"{PrefixOf(name)}{revision}");

    /// <summary>The start shared by the counter keys of every revision of baseline <paramref name="name"/>.</summary>
    public static string PrefixOf(string name) => name + "#";
}
