namespace OrleansEval.Sketches.Slicing;

/// <summary>
/// A search the index cannot hold: too many predicates in all, or a column with more searchable values than a code
/// holds. The message says which and what to raise (<c>minSize</c>).
/// </summary>
public sealed class SliceSearchLimitException : ArgumentException
{
    /// <summary>A search refused for <paramref name="message"/>.</summary>
    public SliceSearchLimitException(string message)
        : base(message)
    {
    }

    /// <summary>A search refused, with no reason given.</summary>
    public SliceSearchLimitException()
    {
    }

    /// <summary>A search refused for <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public SliceSearchLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
