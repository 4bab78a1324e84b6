namespace OrleansEval.Slices;

/// <summary>The key of a slice backfill grain: the model id and the slice's name joined by '/', which neither may hold.</summary>
public static class SliceBackfillKey
{
    /// <summary>The key of the backfill of <paramref name="slice"/> of <paramref name="modelId"/>.</summary>
    public static string For(string modelId, string slice) => $"{modelId}/{slice}";

    /// <summary>Parses a key written by <see cref="For"/>.</summary>
    public static (string ModelId, string Slice) Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var separator = key.IndexOf('/', StringComparison.Ordinal);
        return separator > 0 ? (key[..separator], key[(separator + 1)..]) : throw new FormatException($"'{key}' is not a slice backfill key of the form model/slice.");
    }
}
