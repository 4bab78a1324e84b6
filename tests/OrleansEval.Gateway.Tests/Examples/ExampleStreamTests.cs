using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Http;
using OrleansEval.Gateway.Examples;
using OrleansEval.Models;
using OrleansEval.Rows;

namespace OrleansEval.Gateway.Tests.Examples;

public sealed class ExampleStreamTests
{
    private static readonly SeriesId Series = new("v1", "production");
    private static readonly DateTimeOffset Today = new(2024, 5, 31, 0, 0, 0, TimeSpan.Zero);
    private const int Days = 100;

    private static ExampleQuery Query(long? limit = null) =>
        new(Blocks.Snapshot, new RowQuery("flights", null, null, Today.AddDays(-Days), Today.AddDays(1)), RowFilter.Everything, null, null, null, limit, ExampleFormat.Ndjson);

    /// <summary>A row store that gives one block a day, newest first, honouring cancellation between blocks as the reader does.</summary>
    private sealed class DaySource
    {
        public int Pulled { get; private set; }

        public bool Finished { get; private set; }

        public Action<int>? AfterBlock { get; init; }

        public async IAsyncEnumerable<RowBlock> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            try
            {
                for (var day = 0; day < Days; day++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await Task.Yield();
                    Pulled++;
                    yield return Blocks.Of(Series, new Blocks.Row($"d{day}", Today.AddDays(-day).AddHours(1), "SJU", 1, null, "1", 0.9, "1"));
                    AfterBlock?.Invoke(Pulled);
                }
            }
            finally
            {
                Finished = true;
            }
        }
    }

    [Fact]
    public async Task StreamAsync_WhenTheClientGoesAway_StopsReadingTheRowStore()
    {
        using var aborted = new CancellationTokenSource();
        var source = new DaySource { AfterBlock = pulled => { if (pulled == 10) { aborted.Cancel(); } } };
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ExampleEndpoints.StreamAsync(Query(), source.ReadAsync(aborted.Token), context.Response, aborted.Token));

        Assert.InRange(source.Pulled, 10, 11);
        Assert.True(source.Finished);
    }

    [Fact]
    public async Task StreamAsync_AtItsLimit_StopsReadingAndSaysWhetherSampled()
    {
        var source = new DaySource();
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;

        await ExampleEndpoints.StreamAsync(Query(limit: 3), source.ReadAsync(CancellationToken.None), context.Response, CancellationToken.None);

        Assert.InRange(source.Pulled, 3, 4);
        Assert.True(source.Finished);
        Assert.Equal("false", context.Response.Headers[ExampleEndpoints.SampledHeader]);
        var lines = Encoding.UTF8.GetString(body.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Equal("""{"rows":3,"sampled":false}""", lines[^1]);
    }
}
