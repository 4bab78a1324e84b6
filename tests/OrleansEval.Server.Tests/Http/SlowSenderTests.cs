using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;
using OrleansEval.Server.Tests.Hosting;
using static OrleansEval.Server.Tests.Http.ApiAssertions;

namespace OrleansEval.Server.Tests.Http;

/// <summary>
/// Slow senders cannot hold the node: eight clients that declare a 200,000-byte body and trickle two bytes a second run
/// beside twenty normal clients, whose acknowledgements stay within half of what they get without them, measured on the
/// same server just before and just after; each slow sender is cut off with 408 (or its connection closed) once the
/// body-rate grace has passed.
/// </summary>
public sealed class SlowSenderTests(KestrelServerFixture server, ITestOutputHelper output) : IClassFixture<KestrelServerFixture>
{
    private const int NormalClients = 20;
    private const int SlowSenders = 8;
    private static readonly TimeSpan Alone = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Beside = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan TrickleInterval = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task Ingest_WhileEightSlowSendersTrickle_KeepsTheNormalClientsThroughput_AndCutsTheSlowSendersOff()
    {
        var id = NewModelId("slow");
        using var client = server.CreateClient();
        using (var created = await client.PutAsync($"/v1/models/{id}", Json("""{"task": "regression", "features": [{"name": "x", "type": "numeric"}]}""")))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // Alone before and after, so that a machine that speeds up or slows down during the test does not pass for an effect.
        var before = await NormalClientsAsync(client, id, Alone);
        using var stop = new CancellationTokenSource();
        var slow = Enumerable.Range(0, SlowSenders).Select(_ => SlowSenderAsync(id, stop.Token)).ToList();
        var beside = await NormalClientsAsync(client, id, Beside);
        await stop.CancelAsync();
        var outcomes = (await Task.WhenAll(slow)).SelectMany(o => o).ToList();
        var after = await NormalClientsAsync(client, id, Alone);

        var alone = new Throughput(before.Acknowledged + after.Acknowledged, before.Refused + after.Refused);
        var aloneRate = alone.Acknowledged / (2 * Alone.TotalSeconds);
        var besideRate = beside.Acknowledged / Beside.TotalSeconds;
        output.WriteLine($"alone: {alone}, {aloneRate:F1}/s; beside slow senders: {beside}, {besideRate:F1}/s; slow requests ended: {string.Join(' ', outcomes.Select(o => o?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "closed"))}");
        Assert.True(alone.Acknowledged > 0, "the normal clients got no acknowledgement even alone");
        Assert.True(besideRate >= 0.5 * aloneRate, $"{besideRate:F1} acknowledgements/s beside slow senders, {aloneRate:F1} alone; refused beside them: {beside.Refused}");
        Assert.True(outcomes.Count >= SlowSenders, $"only {outcomes.Count} slow requests ended before the test stopped them");
        Assert.All(outcomes, status => Assert.True(status is null or 408, $"a slow sender was answered {status}"));
    }

    private sealed record Throughput(int Acknowledged, int Refused);

    /// <summary>Twenty clients sending 20-record batches back to back for <paramref name="duration"/>.</summary>
    private static async Task<Throughput> NormalClientsAsync(HttpClient client, string modelId, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        var acknowledged = 0;
        var refused = 0;
        await Task.WhenAll(Enumerable.Range(0, NormalClients).Select(async c =>
        {
            for (var batch = 0; clock.Elapsed < duration; batch++)
            {
                using var answer = await client.PostAsync($"/v1/models/{modelId}/records", Json(Records($"n{c}-{batch}", 20)));
                _ = answer.StatusCode == HttpStatusCode.OK ? Interlocked.Increment(ref acknowledged) : Interlocked.Increment(ref refused);
            }
        }));
        return new Throughput(acknowledged, refused);
    }

    /// <summary>
    /// One slow sender: connects, declares a 200,000-byte body and sends two bytes a second until the server answers or
    /// closes, then connects again, until <paramref name="stop"/>. Returns how each request ended: a status, or null
    /// for a connection closed without one.
    /// </summary>
    private async Task<List<int?>> SlowSenderAsync(string modelId, CancellationToken stop)
    {
        var outcomes = new List<int?>();
        while (!stop.IsCancellationRequested)
        {
            using var connection = await RawHttpConnection.OpenAsync(server.BaseAddress);
            await connection.SendAsync(RawHttpConnection.Head($"/v1/models/{modelId}/records", "Content-Length: 200000\r\n") + "[");
            try
            {
                while (!connection.Answered && !stop.IsCancellationRequested)
                {
                    await Task.Delay(TrickleInterval, CancellationToken.None);
                    await connection.SendAsync(" ");
                }
            }
            catch (System.Net.Sockets.SocketException)
            {
                // The server closed the connection; its answer, if any, is read below.
            }

            if (connection.Answered)
            {
                outcomes.Add(await connection.StatusAsync(TimeSpan.FromSeconds(1)));
            }
        }

        return outcomes;
    }

    private static string Records(string prefix, int count) =>
        $"[{string.Join(',', Enumerable.Range(0, count).Select(i => $$$"""{"predictionId": "{{{prefix}}}-{{{i}}}", "timestamp": "2024-01-01T00:00:00Z", "features": {"x": {{{i}}}}}"""))}]";
}
