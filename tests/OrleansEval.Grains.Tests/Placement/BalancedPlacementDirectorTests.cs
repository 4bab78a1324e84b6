using System.Net;
using Orleans.Runtime.Placement;
using OrleansEval.Grains.Placement;

namespace OrleansEval.Grains.Tests.Placement;

/// <summary>
/// The director on its own, with the silos of a placement context chosen by the test: the placements of several deciding
/// silos over the store's grain mix are even by construction, a silo that joins takes turns rather than everything, and
/// one that leaves is no longer chosen.
/// </summary>
public sealed class BalancedPlacementDirectorTests
{
    // One model's grains of each type, as a batch of two series creates them: the model, its ingest log, 12 columns in
    // each series, 3 slice families in each, 4 join shards, a row grain per series and the monitor grain.
    private static readonly (string Type, int Count)[] ModelMix =
        [("model", 1), ("ingestlog", 1), ("feature", 24), ("slice", 6), ("labeljoin", 4), ("row", 2), ("monitor", 1)];

    [Fact]
    public async Task OnAddActivation_OfTheStoreMixFromThreeDecidingSilos_KeepsEachTypeWithinOnePerDeciderAndAllWithinTwoPercent()
    {
        var silos = Silos(3);
        var directors = silos.ToDictionary(s => s, _ => new BalancedPlacementDirector());
        var placed = new List<(string Type, SiloAddress Silo)>();
        var random = new Random(15);

        // Forty models, each grain placed by whichever silo a call happens to reach first.
        for (var model = 0; model < 40; model++)
        {
            foreach (var (type, count) in ModelMix)
            {
                for (var i = 0; i < count; i++)
                {
                    var decider = silos[random.Next(silos.Length)];
                    var silo = await directors[decider].OnAddActivation(BalancedPlacement.Singleton, Target(type, $"m{model}/{i}"), new Context(decider, silos));
                    placed.Add((type, silo));
                }
            }
        }

        foreach (var type in ModelMix.Select(m => m.Type))
        {
            var perSilo = silos.Select(s => placed.Count(p => p.Type == type && p.Silo.Equals(s))).ToList();
            Assert.True(perSilo.Max() - perSilo.Min() <= silos.Length, $"{type}: {string.Join(", ", perSilo)} over three deciders");
        }

        // All types together: 1,560 activations, 520 a silo. Random placement's range is about 40 (8 %) here.
        var all = silos.Select(s => placed.Count(p => p.Silo.Equals(s))).ToList();
        Assert.True(all.Max() - all.Min() <= 0.02 * all.Average(), $"all: {string.Join(", ", all)}");
    }

    [Fact]
    public async Task OnAddActivation_OfOneDecider_HandsOutTheSilosInTurnStartingWithItself()
    {
        var silos = Silos(3);
        var director = new BalancedPlacementDirector();
        var context = new Context(silos[1], silos);

        var chosen = new List<SiloAddress>();
        for (var i = 0; i < 6; i++)
        {
            chosen.Add(await director.OnAddActivation(BalancedPlacement.Singleton, Target("feature", $"k{i}"), context));
        }

        Assert.Equal([silos[1], silos[2], silos[0], silos[1], silos[2], silos[0]], chosen);
    }

    [Fact]
    public async Task OnAddActivation_AfterASiloJoins_GivesItItsTurnNotEveryNewActivation()
    {
        var silos = Silos(3);
        var director = new BalancedPlacementDirector();
        for (var i = 0; i < 300; i++)
        {
            await director.OnAddActivation(BalancedPlacement.Singleton, Target("feature", $"before{i}"), new Context(silos[0], silos[..2]));
        }

        var after = new List<SiloAddress>();
        for (var i = 0; i < 30; i++)
        {
            after.Add(await director.OnAddActivation(BalancedPlacement.Singleton, Target("feature", $"after{i}"), new Context(silos[0], silos)));
        }

        Assert.All(silos, s => Assert.Equal(10, after.Count(a => a.Equals(s))));
    }

    [Fact]
    public async Task OnAddActivation_AfterASiloLeaves_PlacesOnTheOthersInTurn()
    {
        var silos = Silos(3);
        var director = new BalancedPlacementDirector();
        for (var i = 0; i < 31; i++)
        {
            await director.OnAddActivation(BalancedPlacement.Singleton, Target("slice", $"before{i}"), new Context(silos[0], silos));
        }

        var survivors = new[] { silos[0], silos[2] };
        var after = new List<SiloAddress>();
        for (var i = 0; i < 20; i++)
        {
            after.Add(await director.OnAddActivation(BalancedPlacement.Singleton, Target("slice", $"after{i}"), new Context(silos[0], survivors)));
        }

        Assert.DoesNotContain(silos[1], after);
        Assert.Equal(10, after.Count(a => a.Equals(silos[0])));
        Assert.Equal(10, after.Count(a => a.Equals(silos[2])));
    }

    [Fact]
    public async Task OnAddActivation_WithAPlacementHint_PlacesOnTheHintedSilo()
    {
        var silos = Silos(3);
        var director = new BalancedPlacementDirector();
        var target = new PlacementTarget(
            GrainId.Create("feature", "hinted"),
            new Dictionary<string, object> { [IPlacementDirector.PlacementHintKey] = silos[2] },
            default,
            0);

        Assert.Equal(silos[2], await director.OnAddActivation(BalancedPlacement.Singleton, target, new Context(silos[0], silos)));
    }

    [Fact]
    public async Task OnAddActivation_WithNoCompatibleSilo_FailsNamingTheGrainType()
    {
        var director = new BalancedPlacementDirector();

        var failure = await Assert.ThrowsAsync<OrleansException>(() => director.OnAddActivation(BalancedPlacement.Singleton, Target("feature", "k"), new Context(Silos(1)[0], [])));

        Assert.Contains("feature", failure.Message, StringComparison.Ordinal);
    }

    private static SiloAddress[] Silos(int count) =>
        [.. Enumerable.Range(0, count).Select(i => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 22130 + i), 1))];

    private static PlacementTarget Target(string type, string key) => new(GrainId.Create(type, key), [], default, 0);

    private sealed class Context(SiloAddress local, SiloAddress[] silos) : IPlacementContext
    {
        public SiloAddress LocalSilo => local;

        public SiloStatus LocalSiloStatus => SiloStatus.Active;

        public SiloAddress[] GetCompatibleSilos(PlacementTarget target) => silos;

        public IReadOnlyDictionary<ushort, SiloAddress[]> GetCompatibleSilosWithVersions(PlacementTarget target) =>
            new Dictionary<ushort, SiloAddress[]> { [0] = silos };
    }
}
