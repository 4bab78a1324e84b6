using Microsoft.Extensions.Configuration;
using System.Reflection;
using Microsoft.AspNetCore.Hosting;
using OrleansEval.Gateway.Auth;
using OrleansEval.Gateway.Health;
using OrleansEval.Server.Demo;
using OrleansEval.Server.Hosting;

namespace OrleansEval.Server.Tests.Cluster;

/// <summary>
/// The deployment files of infra/ cannot be run here, so they are checked against the server: every configuration
/// key they set is one the server reads (from its options classes and hosting constants), every role is one it
/// knows, probes call its health route on the port it listens on, and the ports it listens on are opened.
/// </summary>
public sealed class InfraConfigurationTests
{
    private const string HttpPort = "8080";

    private static readonly Type[] OptionsTypes = [typeof(ClusterOptions), typeof(StorageOptions), typeof(DemoOptions), typeof(AuthOptions)];

    // Variables read by the host, the .NET runtime (the collector of co-located processes) or
    // Orleans' Kubernetes hosting rather than bound as configuration keys.
    private static readonly HashSet<string> ProcessVariables = new(
        ["ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "DOTNET_gcServer", "DOTNET_gcConcurrent",
            .. KubernetesHosting.PodVariables, .. KubernetesHosting.ClusterVariables],
        StringComparer.Ordinal);

    private static readonly HashSet<string> Keys = KnownKeys();

    [Fact]
    public void Variables_OfComposeKubernetesAndDockerfile_AreKeysTheServerReads()
    {
        var variables = InfraFiles.YamlVariables(InfraFiles.Read("docker-compose.yml"))
            .Concat(InfraFiles.KubernetesManifests().SelectMany(InfraFiles.YamlVariables))
            .Concat(InfraFiles.DockerfileVariables(InfraFiles.Read("Dockerfile")))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        Assert.Contains("Cluster__Membership", variables);
        Assert.Contains("Storage__ConnectionString", variables);
        var unknown = variables.Where(v => !ProcessVariables.Contains(v) && !IsKnown(v.Replace("__", ":", StringComparison.Ordinal))).ToList();
        Assert.True(unknown.Count == 0, $"variables the server does not read: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void Arguments_OfLocalClusterScript_AreKeysTheServerReads()
    {
        var keys = InfraFiles.ScriptKeys(InfraFiles.Read("local-cluster.sh")).Distinct(StringComparer.Ordinal).ToList();

        Assert.Contains("Cluster:AdvertisedIP", keys);
        Assert.Contains("Role", keys);
        var unknown = keys.Where(k => !IsKnown(k)).ToList();
        Assert.True(unknown.Count == 0, $"keys the server does not read: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void Roles_InComposeAndKubernetes_AreRolesTheServerKnows()
    {
        var roles = InfraFiles.Roles(InfraFiles.Read("docker-compose.yml"))
            .Concat(InfraFiles.KubernetesManifests().SelectMany(InfraFiles.Roles))
            .ToList();

        Assert.Equal(6, roles.Count);
        Assert.All(roles, role => ServerRoles.From(new ConfigurationBuilder().AddCommandLine(["--role", role]).Build()));
        Assert.Contains(roles, role => ServerRoles.From(CommandLine(role)) == ServerRole.Silo);
        Assert.Contains(roles, role => ServerRoles.From(CommandLine(role)) == ServerRole.Gateway);
    }

    [Fact]
    public void ProbesAndHealthCheck_CallTheHealthRoute_OnTheHttpPort()
    {
        var configMap = InfraFiles.Read("kubernetes/configmap.yaml");
        var httpPort = InfraFiles.UrlPort(InfraFiles.Value(configMap, "Urls")!);
        var deployments = new[] { InfraFiles.Read("kubernetes/silo-deployment.yaml"), InfraFiles.Read("kubernetes/gateway-deployment.yaml") };
        var dockerfile = InfraFiles.Read("Dockerfile");

        Assert.All(deployments, deployment =>
        {
            Assert.Equal([HealthEndpoints.Route, HealthEndpoints.Route], InfraFiles.ProbePaths(deployment));
            Assert.Equal([httpPort, httpPort], InfraFiles.ProbePorts(deployment));
        });
        Assert.Equal(httpPort, InfraFiles.UrlPort(InfraFiles.Value(dockerfile, "Urls")!));
        Assert.Contains($"http://127.0.0.1:{HttpPort}{HealthEndpoints.Route}", dockerfile, StringComparison.Ordinal);
        Assert.Equal(HttpPort, httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Probes_SendAHostNameTheServerAllows()
    {
        var allowed = InfraFiles.Value(InfraFiles.Read("kubernetes/configmap.yaml"), "AllowedHosts")!.Split(';');

        foreach (var deployment in new[] { "kubernetes/silo-deployment.yaml", "kubernetes/gateway-deployment.yaml" })
        {
            var hosts = System.Text.RegularExpressions.Regex.Matches(InfraFiles.Read(deployment), @"name: Host\s*\n\s*value: (\S+)").Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(2, hosts.Count);
            Assert.All(hosts, host => Assert.Contains(host, allowed));
        }
    }

    [Fact]
    public void ContainerPorts_OpenWhatTheConfigurationListensOn()
    {
        var configMap = InfraFiles.Read("kubernetes/configmap.yaml");
        int Port(string name) => int.Parse(InfraFiles.Value(configMap, name)!, System.Globalization.CultureInfo.InvariantCulture);
        var http = InfraFiles.UrlPort(InfraFiles.Value(configMap, "Urls")!);
        var silo = InfraFiles.ContainerPorts(InfraFiles.Read("kubernetes/silo-deployment.yaml")).ToList();
        var gateway = InfraFiles.ContainerPorts(InfraFiles.Read("kubernetes/gateway-deployment.yaml")).ToList();
        var service = InfraFiles.Read("kubernetes/service.yaml");

        Assert.Equal([http, Port("Cluster__SiloPort"), Port("Cluster__GatewayPort")], silo);
        Assert.Equal([http, Port("Grpc__Port")], gateway);
        Assert.All(
            System.Text.RegularExpressions.Regex.Matches(service, @"targetPort:\s+(\d+)").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)),
            target => Assert.Contains(target, gateway));

        var dockerfile = InfraFiles.Read("Dockerfile");
        foreach (var port in new[] { http, Port("Grpc__Port"), Port("Cluster__SiloPort"), Port("Cluster__GatewayPort") })
        {
            Assert.Matches($@"(?m)^EXPOSE .*\b{port}\b", dockerfile);
        }
    }

    [Fact]
    public void SiloPodLabels_NameTheConfiguredCluster()
    {
        var configMap = InfraFiles.Read("kubernetes/configmap.yaml");
        var silo = InfraFiles.Read("kubernetes/silo-deployment.yaml");

        Assert.Equal(InfraFiles.Value(configMap, "Cluster__ServiceId"), InfraFiles.Value(silo, "orleans/serviceId"));
        Assert.Equal(InfraFiles.Value(configMap, "Cluster__ClusterId"), InfraFiles.Value(silo, "orleans/clusterId"));
        Assert.Equal(ClusterOptions.AzureTableMembership, InfraFiles.Value(configMap, "Cluster__Membership"));
        Assert.Equal(ClusterOptions.AzureTableMembership, InfraFiles.Value(InfraFiles.Read("docker-compose.yml"), "Cluster__Membership"));
    }

    // A known key, or one configured API key's secret or scopes (Auth:Keys:<name>:Secret, Auth:Keys:<name>:Scopes).
    private static bool IsKnown(string key)
    {
        var parts = key.Split(':');
        return Keys.Contains(key)
            || (parts.Length == 4 && $"{parts[0]}:{parts[1]}" == $"{AuthOptions.SectionName}:{nameof(AuthOptions.Keys)}"
                && typeof(ConfiguredApiKey).GetProperty(parts[3]) is not null);
    }

    private static IConfiguration CommandLine(string role) => new ConfigurationBuilder().AddCommandLine(["--role", role]).Build();

    // Section:Property for every settable property of the options classes, and the keys the hosting code names.
    private static HashSet<string> KnownKeys()
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            GrpcEndpoint.PortKey,
            GrpcEndpoint.HostKey,
            ServerRoles.Key,
            WebHostDefaults.ServerUrlsKey,
        };
        foreach (var type in OptionsTypes)
        {
            var section = (string)type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                keys.Add($"{section}:{property.Name}");
            }
        }

        return keys;
    }
}
