using System.Globalization;

namespace OrleansEval.RootCause;

/// <summary>Key of a baseline's side counter: the model, the baseline's name and the revision it was frozen at.</summary>
public static class BaselineSideKey
{
    /// <summary>The key <c>model/baseline@revision</c> (a model id holds no '/').</summary>
    public static string For(string modelId, string baseline, long revision) =>
        string.Create(CultureInfo.InvariantCulture, $"{modelId}/{baseline}@{revision}");

    /// <summary>The model id of a key written by <see cref="For"/>.</summary>
    public static string ModelOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var separator = key.IndexOf('/', StringComparison.Ordinal);
        return separator > 0 ? key[..separator] : throw new FormatException($"'{key}' is not a baseline side key of the form model/baseline@revision.");
    }
}
