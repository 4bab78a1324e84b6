namespace OrleansEval.Grains.Persistence;

/// <summary>
/// The buckets of a grain that persists on a timer, by how recently they changed: changed since the last write
/// (re-encoded by the next one), written by the last write (kept live in case more rows arrive), or cold — unchanged
/// for a whole persist interval, so the grain may hold them only as their stored bytes. A write under way holds the
/// changed buckets it is storing apart, so that a bucket changed again meanwhile stays changed for the next write.
/// </summary>
internal sealed class BucketWrites<TKey>
    where TKey : notnull
{
    private readonly HashSet<TKey> _changed = [];
    private readonly HashSet<TKey> _written = [];
    private readonly HashSet<TKey> _writing = [];

    /// <summary>The buckets the next write re-encodes.</summary>
    public IReadOnlySet<TKey> Changed => _changed;

    public void MarkChanged(TKey key) => _changed.Add(key);

    /// <summary>A bucket that no longer exists (merged into its day) is not written.</summary>
    public void Forget(TKey key) => _changed.Remove(key);

    /// <summary>Neither changed since the last write nor written by it.</summary>
    public bool IsCold(TKey key) => !_changed.Contains(key) && !_written.Contains(key) && !_writing.Contains(key);

    /// <summary>Call when a write of the changed buckets' bytes starts: they are now being written, and any change from here is new.</summary>
    public void Writing()
    {
        _writing.UnionWith(_changed);
        _changed.Clear();
    }

    /// <summary>Call after a successful write, once cold buckets were released: what was written is now the warm set.</summary>
    public void Written()
    {
        _written.Clear();
        _written.UnionWith(_writing);
        _writing.Clear();
    }

    /// <summary>Call after a refused write: what it held is changed again, for the next write.</summary>
    public void NotWritten()
    {
        _changed.UnionWith(_writing);
        _writing.Clear();
    }

    /// <summary>Call after a tick with nothing to write, once cold buckets were released.</summary>
    public void Idle() => _written.Clear();
}
