namespace OrleansEval.Grains.Actuals;

/// <summary>A prediction's current row in a join shard: the segment holding it (rows in memory) and its row there.</summary>
internal readonly record struct JoinRow(JoinSegmentSlot Slot, int Row)
{
    /// <summary>The rows of the segment, to read the row from.</summary>
    public OrleansEval.Actuals.PendingPredictions Rows => Slot.Segment!.Rows;
}
