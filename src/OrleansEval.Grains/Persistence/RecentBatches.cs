namespace OrleansEval.Grains.Persistence;

/// <summary>
/// The ids of the batches a grain applied most recently, kept in its persisted state so that a retried batch — even
/// one retried after the grain moved to another silo — is applied once. Bounded: the oldest ids are forgotten first.
/// </summary>
internal sealed class RecentBatches
{
    private readonly List<string> _persisted;
    private readonly HashSet<string> _ids;
    private readonly int _capacity;

    /// <param name="persisted">The list in the grain's state; this type keeps it in order, oldest first.</param>
    /// <param name="capacity">How many ids to remember.</param>
    public RecentBatches(List<string> persisted, int capacity)
    {
        _persisted = persisted;
        _capacity = capacity;
        _ids = new HashSet<string>(persisted, StringComparer.Ordinal);
    }

    /// <summary>Remembers <paramref name="batchId"/>; false when it was already applied.</summary>
    public bool TryAdd(string batchId)
    {
        if (!_ids.Add(batchId))
        {
            return false;
        }

        _persisted.Add(batchId);
        if (_persisted.Count > _capacity)
        {
            _ids.Remove(_persisted[0]);
            _persisted.RemoveAt(0);
        }

        return true;
    }

    /// <summary>Forgets a batch that was remembered but then not applied, so a retry is taken.</summary>
    public void Forget(string batchId)
    {
        if (_ids.Remove(batchId))
        {
            _persisted.Remove(batchId);
        }
    }
}
