using Microsoft.Extensions.Configuration;
using OrleansEval.Server.Hosting;

namespace OrleansEval.Server.Tests.Cluster;

/// <summary>The role a server process takes from <c>--role</c>: all, silo or gateway, and a clear error for anything else.</summary>
public sealed class ServerRolesTests
{
    [Theory]
    [InlineData(null, ServerRole.All)]
    [InlineData("all", ServerRole.All)]
    [InlineData("silo", ServerRole.Silo)]
    [InlineData("Gateway", ServerRole.Gateway)]
    public void From_ANamedRole_IsThatRole(string? value, ServerRole expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ServerRoles.Key] = value }).Build();

        Assert.Equal(expected, ServerRoles.From(configuration));
    }

    [Theory]
    [InlineData("client")]
    [InlineData("1")]
    [InlineData("silo,gateway")]
    public void From_AnUnknownRole_FailsNamingTheKeyAndTheRoles(string value)
    {
        var configuration = new ConfigurationBuilder().AddCommandLine(["--role", value]).Build();

        var error = Assert.Throws<InvalidOperationException>(() => ServerRoles.From(configuration));

        Assert.Contains("Role", error.Message, StringComparison.Ordinal);
        Assert.Contains("'silo'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ServerRole.All, true, true)]
    [InlineData(ServerRole.Silo, true, false)]
    [InlineData(ServerRole.Gateway, false, true)]
    public void Role_HostsGrainsAndServesApi_AsItSays(ServerRole role, bool hostsGrains, bool servesApi)
    {
        Assert.Equal(hostsGrains, role.HostsGrains());
        Assert.Equal(servesApi, role.ServesApi());
    }
}
