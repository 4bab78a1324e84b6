using OrleansEval.Keys;

namespace OrleansEval.Grains.Ingest;

/// <summary>
/// The idempotency keys of trimmed entries, in pages of a 24th of the idempotency window by the time their batch was
/// first seen: a trim adds the keys it removes from the log to their page and writes the pages that changed (in
/// practice the current one) before the head that drops the segments; a page is deleted once its whole span is older
/// than the window.
/// </summary>
internal sealed partial class IngestLogGrain
{
    private readonly SortedDictionary<long, GrainState<IngestKeyPage>> _pages = [];
    private readonly HashSet<long> _changedPages = [];

    private long PageTicks => Math.Max(1, options.Value.IdempotencyWindow.Ticks / 24);

    private RememberedBatch? Remembered(string batchId)
    {
        foreach (var page in _pages.Values)
        {
            if (page.State!.Keys.TryGetValue(batchId, out var remembered))
            {
                return remembered;
            }
        }

        return null;
    }

    private async Task LoadKeyPagesAsync()
    {
        foreach (var number in head.State.KeyPages)
        {
            _pages[number] = await ReadPageAsync(number);
        }
    }

    private async Task<GrainState<IngestKeyPage>> ReadPageAsync(long number)
    {
        var page = new GrainState<IngestKeyPage>();
        await storage.ReadStateAsync(PageName(number), this.GetGrainId(), page);
        page.State ??= new IngestKeyPage();
        return page;
    }

    /// <summary>Adds the keys of entries leaving the log to their pages (read first if this activation has not).</summary>
    private async Task RememberAsync(IEnumerable<LiveEntry> leaving)
    {
        // A batch without a client's key cannot be sent again under its id: nothing to remember.
        foreach (var live in leaving.Where(l => BatchKey.HasClientKey(l.Logged.Entry.BatchId)))
        {
            var number = live.Logged.Appended.UtcTicks / PageTicks;
            if (!_pages.TryGetValue(number, out var page))
            {
                page = await ReadPageAsync(number);
                _pages.Add(number, page);
            }

            page.State!.Keys[live.Logged.Entry.BatchId] = new RememberedBatch(live.Logged.Entry.Content, live.Answer, live.Logged.Appended);
            _changedPages.Add(number);
        }
    }

    /// <summary>Writes the pages that changed; false, logged, if storage refused one (kept changed for the next trim).</summary>
    private async Task<bool> WritePagesAsync()
    {
        foreach (var number in _changedPages.ToList())
        {
            try
            {
                await _writes.WriteAsync(storage, PageName(number), this.GetGrainId(), _pages[number]);
                _changedPages.Remove(number);
            }
            catch (Exception e)
            {
                LogTrimFailed(logger, e, Key);
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The pages whose span ended more than the idempotency window ago. They stay in memory until the head that no
    /// longer lists them is written; only then are they dropped and their records deleted.
    /// </summary>
    private List<long> ExpiredPages()
    {
        var now = time.GetUtcNow().UtcTicks;
        return [.. _pages.Keys.Where(n => ((n + 1) * PageTicks) + options.Value.IdempotencyWindow.Ticks <= now && !_changedPages.Contains(n))];
    }

    private static string PageName(long number) => $"ingest-keys-{number}";
}
