namespace OrleansEval.Grains.Rows;

/// <summary>A row to keep for its day: record <paramref name="Index"/> of <paramref name="Batch"/>, its number and slot in the day; <see cref="PendingRows"/> copies what it keeps of it.</summary>
internal readonly record struct PendingRow(AppliedRows Batch, int Index, long Row, long Slot);
