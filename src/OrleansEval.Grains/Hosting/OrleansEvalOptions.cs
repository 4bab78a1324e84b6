namespace OrleansEval.Grains.Hosting;

/// <summary>Tuning of the grains: persistence cadence, sketch sizes and caches. Bound from the "OrleansEval" section.</summary>
public sealed class OrleansEvalOptions
{
    /// <summary>Configuration section the options are bound from.</summary>
    public const string SectionName = "OrleansEval";

    /// <summary>
    /// Whether a process runs its query paths once on a synthetic in-memory model before its silo and API start, so its
    /// first real question does not pay for compiling them (<c>OrleansEval:WarmUp</c>; on by default).
    /// </summary>
    public bool WarmUp { get; set; } = true;

    /// <summary>
    /// How many times the warm-up runs the query paths again once the process has started, in the background, so the
    /// runtime counts their calls and optimizes them before the first real question rather than during it
    /// (<c>OrleansEval:WarmUpRepeats</c>; 0 leaves it out). With dynamic PGO the runtime optimizes a method after twice 30 counted calls.
    /// </summary>
    public int WarmUpRepeats { get; set; } = 120;

    /// <summary>How often a grain with unsaved changes writes its state. Deactivation always writes.</summary>
    public TimeSpan PersistInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a grain that persists on a timer may go on failing to write before it stops acknowledging: its apply
    /// methods then throw <see cref="OrleansEval.Ingest.StoreUnavailableException"/> (the gateway answers 503) until a write succeeds.
    /// </summary>
    public TimeSpan MaxUnpersisted { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many column and slice-family state writes a silo runs at once, from encoding the changed buckets to the store's
    /// answer (<c>OrleansEval:BucketWritesInFlight</c>); a write past it waits for one to end. After a bulk load every
    /// grain of a model has a large write due within one interval: bounded, their encoding and copies do not crowd out
    /// the questions asked meanwhile, and their garbage is a few writes' at a time. A deactivation's write is not bounded.
    /// </summary>
    public int BucketWritesInFlight { get; set; } = 4;

    /// <summary>
    /// How long a column's or slice family's timer or checkpoint write waits, before it starts encoding, for the root-cause
    /// questions under way in the silo to end (<c>OrleansEval:WriteDeferralForQuestion</c>; zero does not wait). Bounded,
    /// so a steady run of questions delays writes by at most this each and never stops them.
    /// </summary>
    public TimeSpan WriteDeferralForQuestion { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>KLL accuracy parameter k of every quantile sketch.</summary>
    public int QuantileK { get; set; } = 200;

    /// <summary>A bucket's quantile sketch keeps every value up to this count before it compacts.</summary>
    public int BucketExactCapacity { get; set; } = 512;

    /// <summary>A window merged for a query keeps every value up to this count, so small windows are answered exactly.</summary>
    public int WindowExactCapacity { get; set; } = 20_000;

    /// <summary>A baseline keeps every reference value up to this count.</summary>
    public int BaselineExactCapacity { get; set; } = 100_000;

    /// <summary>Distinct categories counted exactly per bucket before falling back to a frequent-items sketch.</summary>
    public int CategoryCap { get; set; } = 1_000;

    /// <summary>
    /// How long an ingest worker trusts its cached model before checking the model's revision (one small interleaved
    /// call; the snapshot itself is fetched again only when the revision moved). Zero, the default, checks on every
    /// batch, so a record sent after a baseline or slice change is always counted under it; a positive value trades
    /// that for one call fewer per batch.
    /// </summary>
    public TimeSpan ModelCacheTtl { get; set; } = TimeSpan.Zero;

    /// <summary>Exact Kolmogorov–Smirnov p-values are computed while m·n is at most this; beyond, the asymptotic distribution.</summary>
    public long KsExactCellBudget { get; set; } = 4_000_000;

    /// <summary>
    /// How long an idempotency key is remembered after its batch was first seen: a resend within the window answers
    /// what the batch was answered (409 when the content differs) and is never counted twice. Keys are kept in pages
    /// of a 24th of the window, so a write of them costs the current page, whatever the window.
    /// </summary>
    public TimeSpan IdempotencyWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Partitions of each model's ingest log: a batch goes to the partition of its idempotency key's hash. Each
    /// partition is a grain that group-commits its own writes, so more partitions spread a busy model's log writes
    /// over more grains (and silos). One, the default, replays a crash's batches in the order they were acknowledged;
    /// with more, batches of different partitions may be replayed in another order — which matters only when a later
    /// batch corrects an actual an earlier one sent, and both were lost from the grains. A model keeps the count it was
    /// defined with (a model stored before the count was kept takes the one configured when it is first read again),
    /// so changing the setting applies to models defined afterwards and never strands a model's logged batches or
    /// remembered keys in partitions no longer routed to.
    /// </summary>
    public int IngestLogPartitions { get; set; } = 1;

    /// <summary>
    /// Whether the ingest log's segments and key pages and the label join's segments are compressed before they are
    /// stored: <see cref="Persistence.SegmentCompression.Fastest"/> (Brotli at its fastest levels, the default) trades a few
    /// milliseconds of a core per 1,000-record batch for about two thirds fewer bytes sent to storage;
    /// <see cref="Persistence.SegmentCompression.None"/> stores them as serialized. Records are read back whatever the
    /// setting, so it can be changed between starts.
    /// </summary>
    public Persistence.SegmentCompression SegmentCompression { get; set; } = Persistence.SegmentCompression.Fastest;

    /// <summary>Number of label-join shards per model; a prediction's shard is a stable hash of its id.</summary>
    public int JoinShards { get; set; } = 4;

    /// <summary>How long the label join keeps a prediction for its actual, and an early actual for its prediction.</summary>
    public TimeSpan JoinWindow { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// Most actuals one join shard holds for predictions that have not come; a batch of late actuals that might pass it
    /// is answered 429. Predictions take no room: they are kept in storage, whatever their number.
    /// </summary>
    public int JoinCapacityPerShard { get; set; } = 250_000;

    /// <summary>
    /// Predictions per label-join segment: a shard keeps its predictions in segments of consecutive arrivals, writes
    /// only the segments that changed, and drops a segment whole once the join window has passed since its newest
    /// arrival. A segment also closes after a fourteenth of the join window, so none outlives its oldest row by much.
    /// The open segment is stored as chunks while it fills and written whole once when sealed, whatever its size; a
    /// lookup costs the same however many segments the window holds.
    /// </summary>
    public int JoinSegmentRows { get; set; } = 4_096;

    /// <summary>
    /// Sealed label-join segments whose rows a shard keeps in memory, least recently used out first, besides the one
    /// filling up: a shard holds at most (this + 1) × <see cref="JoinSegmentRows"/> prediction rows in memory however
    /// many it keeps, plus, while a batch is joined, the segments that batch reads. All segments share an index of their
    /// ids (under 4 bytes a prediction), which names the segments whose rows are read when a late actual or a prediction
    /// sent again may be there.
    /// </summary>
    public int JoinCachedSegments { get; set; } = 4;

    /// <summary>
    /// Outcome rows a label-join shard keeps in its record for slice families that have not yet stored them; past it,
    /// the shard has the families write before it writes itself.
    /// </summary>
    public int JoinOutboxRows { get; set; } = 100_000;

    /// <summary>Seconds a client is asked to wait when a join shard is full.</summary>
    public int JoinRetryAfterSeconds { get; set; } = 30;

    /// <summary>How often a model's monitors are evaluated (a reminder: at least one minute).</summary>
    public TimeSpan MonitorInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Most alerts the alert log keeps; the oldest are dropped first.</summary>
    public int AlertHistory { get; set; } = 10_000;

    /// <summary>
    /// Whether a batch marks the monitors that read what it changed due, to be evaluated within
    /// <see cref="MinEvaluationInterval"/>; off, monitors run on the reminder (and on demand) only.
    /// </summary>
    public bool EvaluateOnIngest { get; set; } = true;

    /// <summary>
    /// Shortest time between two evaluations of a model's due monitors: a stream of batches costs at most one
    /// evaluation of each monitor per interval.
    /// </summary>
    public TimeSpan MinEvaluationInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often a model's volume monitors are evaluated while its monitor grain is active, so a window that rolls
    /// forward with no records fires without waiting for the reminder.
    /// </summary>
    public TimeSpan VolumeCheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Distinct categories of one column kept as their own slices; later ones are grouped as "(other)".</summary>
    public int SliceMembersPerColumn { get; set; } = 50;

    /// <summary>
    /// How long after a UTC day has ended, by the store's clock, column and slice grains merge that day's buckets into
    /// one bucket keyed by the day's start (for models whose bucket is shorter than a day and divides it). Windows that
    /// cut a rolled-up day are answered for the whole day. Zero turns rollups off; days already rolled up stay whole.
    /// </summary>
    public TimeSpan RollupAfter { get; set; } = TimeSpan.FromDays(2);

    /// <summary>
    /// Rows the row store keeps per series and UTC day; beyond, the day's rows are a uniform reservoir sample of this
    /// many, and answers computed from them say they are a sample.
    /// </summary>
    public long RowsPerDay { get; set; } = 1_000_000;

    /// <summary>
    /// How long the row store keeps a day's rows (and a model's late actuals by arrival day) after the day has ended, by
    /// the store's clock: older parts are deleted and never read.
    /// </summary>
    public TimeSpan RowRetention { get; set; } = TimeSpan.FromDays(30);
}
