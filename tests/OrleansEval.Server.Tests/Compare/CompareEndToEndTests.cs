using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using OrleansEval.Server.Tests.WorstSlices;
using static OrleansEval.Server.Tests.Http.ApiAssertions;

namespace OrleansEval.Server.Tests.Compare;

/// <summary>
/// A champion and a shadow challenger score the same 10,000 prediction ids; the actuals come late, one is corrected.
/// The comparison equals a plain count of the planted outcomes, and advises the challenger while naming the region
/// where it is worse.
/// </summary>
public sealed class CompareEndToEndTests(WorstSliceServer server) : IClassFixture<WorstSliceServer>
{
    private const int Count = 10_000;
    private const string Weak = "r3";
    private static readonly DateTimeOffset Day = new(2015, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private const string Window = "from=2015-06-01T00:00:00Z&to=2015-06-02T00:00:00Z";

    [Fact]
    public async Task Compare_OnTheSamePredictions_EqualsAPlainCount_AndAdvisesTheChallengerNamingWhereItIsWorse()
    {
        var id = NewModelId("compare");
        await RegisterAsync(id);
        await SendAsync(id, "v1", "production", ChampionRight);
        await SendAsync(id, "v2", "shadow", ChallengerRight);
        await SendActualsAsync(id, Enumerable.Range(0, Count).Select(i => (i, "1")));
        // One actual corrected: row 0 was positive, it is negative after all — both versions' outcomes flip.
        await SendActualsAsync(id, [(0, "0")]);

        var answer = (await server.Client.GetFromJsonAsync<JsonObject>($"/v1/models/{id}/compare?versions=v1,v2@shadow&{Window}&minSize=100"))!;

        Assert.Equal(Count, answer["paired"]!.GetValue<long>());
        Assert.Equal(0, answer["unpaired"]!["v1@production"]!.GetValue<long>());
        Assert.Equal(0, answer["unpaired"]!["v2@shadow"]!.GetValue<long>());
        var slices = answer["slices"]!.AsArray();
        var all = slices[0]!;
        Assert.Equal("all", all["slice"]!.GetValue<string>());
        AssertSlice(all, Enumerable.Range(0, Count));
        AssertSlice(slices.Single(s => s!["slice"]!.GetValue<string>() == $"region = {Weak}")!, Enumerable.Range(0, Count).Where(i => Region(i) == Weak));
        Assert.Equal("v2@shadow", all["winner"]!.GetValue<string>());
        var advice = answer["recommendation"]!;
        Assert.Equal("v2@shadow", advice["promote"]!.GetValue<string>());
        var worse = Assert.Single(advice["worseIn"]!.AsArray());
        Assert.Equal($"region = {Weak}", worse!["slice"]!.GetValue<string>());
        Assert.True(worse["delta"]!.GetValue<double>() < 0);
        Assert.Contains($"region = {Weak}", advice["because"]!.GetValue<string>(), StringComparison.Ordinal);

        // The champion's worst slices are answered too: the same slices its worst-slice search finds.
        var worst = (await server.Client.GetFromJsonAsync<JsonObject>($"/v1/models/{id}/worst-slices?version=v1&{Window}&limit=5"))!;
        var expected = worst["slices"]!.AsArray().Select(s => string.Join(" & ", s!["conditions"]!.AsArray().Select(c => c!.GetValue<string>()))).ToList();
        Assert.Contains($"region = {ChampionsWeak}", expected);
        Assert.Equal(expected, slices.Where(s => s!["kind"]!.GetValue<string>() == "worst").Select(s => s!["slice"]!.GetValue<string>()));
        AssertSlice(slices.First(s => s!["kind"]!.GetValue<string>() == "worst" && s["slice"]!.GetValue<string>() == $"region = {ChampionsWeak}")!, Enumerable.Range(0, Count).Where(i => Region(i) == ChampionsWeak));
    }

    [Fact]
    public async Task Compare_RefusesBadVersionsAndMetrics_AndAnswersAWindowWithoutPairsWithTheCounts()
    {
        var id = NewModelId("compare-bad");
        await RegisterAsync(id);
        await SendAsync(id, "v1", "production", ChampionRight);

        using var one = await server.Client.GetAsync($"/v1/models/{id}/compare?versions=v1&{Window}");
        using var twice = await server.Client.GetAsync($"/v1/models/{id}/compare?versions=v1,v1@production&{Window}");
        using var unknown = await server.Client.GetAsync($"/v1/models/{id}/compare?versions=v1,v9&{Window}");
        using var regression = await server.Client.GetAsync($"/v1/models/{id}/compare?versions=v1,v1@shadow&{Window}&metric=mae");
        using var hostile = await server.Client.GetAsync($"/v1/models/{id}/compare?versions=v1,..&{Window}");

        await AssertProblemAsync(one, HttpStatusCode.BadRequest, "versions");
        await AssertProblemAsync(twice, HttpStatusCode.BadRequest, "versions");
        await AssertProblemAsync(unknown, HttpStatusCode.BadRequest, "versions");
        await AssertProblemAsync(regression, HttpStatusCode.BadRequest, "metric");
        await AssertProblemAsync(hostile, HttpStatusCode.BadRequest, "versions");

        // A version with records, but none in the window.
        await SendAsync(id, "v3", "shadow", ChallengerRight, unlabelled: true, day: Day.AddDays(-3));
        using var elsewhere = await server.Client.GetAsync($"/v1/models/{id}/compare?versions=v1,v3@shadow&{Window}");
        await AssertProblemAsync(elsewhere, HttpStatusCode.BadRequest, "versions");

        await SendAsync(id, "v2", "shadow", ChallengerRight, unlabelled: true);
        using var unknownSlice = await server.Client.GetAsync($"/v1/models/{id}/compare?versions=v1,v2@shadow&{Window}&slices=nowhere");
        await AssertProblemAsync(unknownSlice, HttpStatusCode.BadRequest, "slices");
        var unpaired = (await server.Client.GetFromJsonAsync<JsonObject>($"/v1/models/{id}/compare?versions=v1,v2@shadow&{Window}"))!;
        Assert.Equal(0, unpaired["paired"]!.GetValue<long>());
        Assert.Equal(Count, unpaired["unpaired"]!["v1@production"]!.GetValue<long>());
        Assert.Empty(unpaired["slices"]!.AsArray());
        Assert.Null(unpaired["recommendation"]);
        Assert.False(string.IsNullOrEmpty(unpaired["reason"]!.GetValue<string>()));
    }

    private static string Region(int i) => $"r{i % 5}";

    // The champion is right on 7 rows in 10, but on 5 in 10 in its own weak region; the challenger on 9 in 10, but on 5 in
    // 10 in the planted one.
    private const string ChampionsWeak = "r1";

    private static bool ChampionRight(int i) => i / 5 % 10 < (Region(i) == ChampionsWeak ? 5 : 7);

    private static bool ChallengerRight(int i) => i / 5 % 10 < (Region(i) == Weak ? 5 : 9);

    // The actual of row i after the correction, and whether a version that predicted "right" of the original actual
    // (positive) is right of it.
    private static bool RightAfterCorrection(Func<int, bool> right, int i) => i == 0 ? !right(i) : right(i);

    private static void AssertSlice(JsonNode slice, IEnumerable<int> rows)
    {
        var members = rows.ToList();
        var champion = members.Count(i => RightAfterCorrection(ChampionRight, i)) / (double)members.Count;
        var challenger = members.Count(i => RightAfterCorrection(ChallengerRight, i)) / (double)members.Count;
        Assert.Equal(members.Count, slice["n"]!.GetValue<long>());
        Assert.Equal(champion, slice["values"]!["v1@production"]!.GetValue<double>(), 1e-9);
        Assert.Equal(challenger, slice["values"]!["v2@shadow"]!.GetValue<double>(), 1e-9);
        var test = slice["tests"]!.AsArray().Single()!;
        Assert.Equal("v2@shadow", test["version"]!.GetValue<string>());
        Assert.Equal(challenger - champion, test["delta"]!.GetValue<double>(), 1e-9);
        var onlyChampion = members.Count(i => RightAfterCorrection(ChampionRight, i) && !RightAfterCorrection(ChallengerRight, i));
        var onlyChallenger = members.Count(i => RightAfterCorrection(ChallengerRight, i) && !RightAfterCorrection(ChampionRight, i));
        Assert.Equal([onlyChampion, onlyChallenger], test["discordant"]!.AsArray().Select(d => d!.GetValue<int>()));
        Assert.StartsWith("mcnemar", test["test"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private async Task RegisterAsync(string id)
    {
        using var registered = await server.Client.PutAsync($"/v1/models/{id}", Json("""
            {"task": "binary_classification", "bucket": "1h",
             "features": [{"name": "region", "type": "categorical"}, {"name": "x", "type": "numeric"}]}
            """));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
    }

    private async Task SendAsync(string id, string version, string environment, Func<int, bool> right, bool unlabelled = false, DateTimeOffset? day = null)
    {
        foreach (var chunk in Enumerable.Range(0, Count).Chunk(2_500))
        {
            var body = new StringBuilder();
            foreach (var i in chunk)
            {
                var record = new JsonObject
                {
                    ["predictionId"] = $"p{i}",
                    ["timestamp"] = (day ?? Day).AddSeconds(i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    ["version"] = version,
                    ["environment"] = environment,
                    ["features"] = new JsonObject { ["region"] = Region(i), ["x"] = i % 97 },
                    ["prediction"] = new JsonObject { ["label"] = right(i) ? "1" : "0" },
                };
                if (!unlabelled && version == "v1" && environment == "production" && id.StartsWith("compare-bad", StringComparison.Ordinal))
                {
                    record["actual"] = new JsonObject { ["label"] = "1" };
                }

                body.Append(record.ToJsonString()).Append('\n');
            }

            using var response = await server.Client.PostAsync($"/v1/models/{id}/records", new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    private async Task SendActualsAsync(string id, IEnumerable<(int Row, string Label)> actuals)
    {
        var body = new StringBuilder();
        foreach (var (row, label) in actuals)
        {
            body.Append(new JsonObject { ["predictionId"] = $"p{row}", ["actual"] = new JsonObject { ["label"] = label } }.ToJsonString()).Append('\n');
        }

        using var response = await server.Client.PostAsync($"/v1/models/{id}/actuals", new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
