using OrleansEval.Grains.Rows;

namespace OrleansEval.Grains.Tests.Rows;

/// <summary>
/// Algorithm R decided row by row from the row's number: whatever the seed, the rows holding the slots at the end of a
/// day are exactly cap of them, and over many days every position of a day is kept equally often.
/// </summary>
public sealed class ReservoirSlotsTests
{
    [Fact]
    public void Slot_UnderTheCap_IsTheRowNumber() =>
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), Enumerable.Range(0, 50).Select(i => ReservoirSlots.Slot(42, i, 50)));

    [Fact]
    public void Winners_OverManyDays_KeepEveryPositionOfADayEquallyOften()
    {
        const int rows = 1_000;
        const int cap = 100;
        const int days = 400;
        var kept = new int[rows];
        for (var day = 0; day < days; day++)
        {
            var seed = ReservoirSlots.Seed("m/v1/production", DateOnly.FromDayNumber(700_000 + day));
            var winners = new long[cap];
            for (long row = 0; row < rows; row++)
            {
                var slot = ReservoirSlots.Slot(seed, row, cap);
                if (slot != ReservoirSlots.None)
                {
                    winners[slot] = row;
                }
            }

            Assert.Equal(cap, winners.Distinct().Count());
            foreach (var row in winners)
            {
                kept[row]++;
            }
        }

        // Each tenth of the day's positions is kept 4,000 times in expectation (a tenth of 100 slots, 400 days);
        // keeping the first rows, or favouring late ones by a fifth, fails by far.
        var tenths = Enumerable.Range(0, 10).Select(t => kept.Skip(t * 100).Take(100).Sum()).ToList();
        var chiSquare = tenths.Sum(k => Math.Pow(k - 4_000.0, 2) / 4_000.0);
        Assert.True(chiSquare < 33.7, $"chi-square {chiSquare:F1} over tenths of the day's positions (df 9, p = 1e-4 at 33.7): {string.Join(", ", tenths)}");
    }
}
