using Microsoft.Extensions.Options;

namespace OrleansEval.Grains.Hosting;

/// <summary>Refuses options that would make the grains misbehave, at start-up rather than at the first request.</summary>
internal sealed class OrleansEvalOptionsValidator : IValidateOptions<OrleansEvalOptions>
{
    public ValidateOptionsResult Validate(string? name, OrleansEvalOptions options)
    {
        var failures = new List<string>();
        if (options.PersistInterval < TimeSpan.FromMilliseconds(100))
        {
            failures.Add("OrleansEval:PersistInterval must be at least 100 ms.");
        }

        if (options.WarmUpRepeats is < 0 or > 1_000)
        {
            failures.Add("OrleansEval:WarmUpRepeats must be between 0 and 1000.");
        }

        if (options.MaxUnpersisted <= TimeSpan.Zero)
        {
            failures.Add("OrleansEval:MaxUnpersisted must be positive.");
        }

        if (options.BucketWritesInFlight is < 1 or > 1_024)
        {
            failures.Add("OrleansEval:BucketWritesInFlight must be between 1 and 1024.");
        }

        if (options.WriteDeferralForQuestion < TimeSpan.Zero || options.WriteDeferralForQuestion > TimeSpan.FromSeconds(10))
        {
            failures.Add("OrleansEval:WriteDeferralForQuestion must be between zero and 10 s.");
        }

        if (options.QuantileK is < 8 or > 10_000)
        {
            failures.Add("OrleansEval:QuantileK must be between 8 and 10000.");
        }

        if (options.BucketExactCapacity < options.QuantileK)
        {
            failures.Add("OrleansEval:BucketExactCapacity must be at least QuantileK.");
        }

        if (options.WindowExactCapacity < options.BucketExactCapacity || options.BaselineExactCapacity < options.BucketExactCapacity)
        {
            failures.Add("OrleansEval:WindowExactCapacity and BaselineExactCapacity must be at least BucketExactCapacity.");
        }

        if (options.CategoryCap is < 2 or > 1_000_000)
        {
            failures.Add("OrleansEval:CategoryCap must be between 2 and 1000000.");
        }

        if (options.ModelCacheTtl < TimeSpan.Zero)
        {
            failures.Add("OrleansEval:ModelCacheTtl must not be negative.");
        }

        if (options.KsExactCellBudget < 0)
        {
            failures.Add("OrleansEval:KsExactCellBudget must not be negative.");
        }

        if (options.IdempotencyWindow < TimeSpan.FromMinutes(1) || options.IdempotencyWindow > TimeSpan.FromDays(30))
        {
            failures.Add("OrleansEval:IdempotencyWindow must be between one minute and 30 days.");
        }

        if (options.IngestLogPartitions is < 1 or > 256)
        {
            failures.Add("OrleansEval:IngestLogPartitions must be between 1 and 256.");
        }

        if (options.JoinShards is < 1 or > 1024)
        {
            failures.Add("OrleansEval:JoinShards must be between 1 and 1024.");
        }

        if (options.JoinWindow <= TimeSpan.Zero || options.JoinCapacityPerShard < 1 || options.JoinRetryAfterSeconds < 1 || options.JoinSegmentRows < 1 || options.JoinCachedSegments < 1 || options.JoinOutboxRows < 1)
        {
            failures.Add("OrleansEval:JoinWindow, JoinCapacityPerShard, JoinSegmentRows, JoinCachedSegments, JoinOutboxRows and JoinRetryAfterSeconds must be positive.");
        }

        if (options.MonitorInterval < TimeSpan.FromMinutes(1) || options.AlertHistory < 1)
        {
            failures.Add("OrleansEval:MonitorInterval must be at least one minute and AlertHistory at least 1.");
        }

        if (options.MinEvaluationInterval < TimeSpan.FromMilliseconds(100) || options.MinEvaluationInterval > options.MonitorInterval)
        {
            failures.Add("OrleansEval:MinEvaluationInterval must be between 100 ms and MonitorInterval.");
        }

        if (options.VolumeCheckInterval < TimeSpan.FromSeconds(1) || options.VolumeCheckInterval > options.MonitorInterval)
        {
            failures.Add("OrleansEval:VolumeCheckInterval must be between 1 s and MonitorInterval.");
        }

        if (options.SliceMembersPerColumn < 1)
        {
            failures.Add("OrleansEval:SliceMembersPerColumn must be at least 1.");
        }

        if (options.RollupAfter < TimeSpan.Zero)
        {
            failures.Add("OrleansEval:RollupAfter must not be negative (zero turns rollups off).");
        }

        if (options.RowsPerDay is < 1 or > int.MaxValue)
        {
            failures.Add("OrleansEval:RowsPerDay must be between 1 and 2147483647.");
        }

        if (options.RowRetention < TimeSpan.FromDays(1) || options.RowRetention > TimeSpan.FromDays(3660))
        {
            failures.Add("OrleansEval:RowRetention must be between one day and 3660 days.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
