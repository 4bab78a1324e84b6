namespace OrleansEval.Grains.Buckets;

/// <summary>
/// Told by a <see cref="BucketStore{TBucket}"/> when a bucket leaves memory, its stored bytes standing for it from then
/// on, and when a start's stored bytes are dropped (merged into its day's bucket, or quarantined).
/// </summary>
internal interface IBucketReleases<in TBucket>
{
    /// <summary><paramref name="bucket"/>, starting at <paramref name="start"/>, left memory; its stored bytes are its own.</summary>
    void Released(long start, TBucket bucket);

    /// <summary>The stored bytes of the bucket starting at <paramref name="start"/> were dropped.</summary>
    void Dropped(long start);
}
