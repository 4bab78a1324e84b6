namespace OrleansEval.Grains.Rows;

/// <summary>A row kept for its day and not yet written: record <paramref name="Index"/> of <paramref name="Batch"/>, its number and slot in the day.</summary>
internal readonly record struct PendingRow(AppliedRows Batch, int Index, long Row, long Slot);
