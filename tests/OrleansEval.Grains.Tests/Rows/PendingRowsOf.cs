using OrleansEval.Grains.Rows;

namespace OrleansEval.Grains.Tests.Rows;

/// <summary>The first rows of a batch as a row grain keeps them, each numbered and slotted by its index.</summary>
internal static class PendingRowsOf
{
    public static PendingRows First(AppliedRows batch, int count)
    {
        var pending = new PendingRows();
        var columns = pending.Of(batch);
        for (var i = 0; i < count; i++)
        {
            pending.Add(columns, i, i, i);
        }

        return pending;
    }
}
