using System.Text.RegularExpressions;

namespace OrleansEval.Server.Tests.Cluster;

/// <summary>
/// The deployment files of infra/ read as text (they cannot be run here: there is no Docker or Kubernetes): the
/// configuration each sets, the ports it opens and the paths it probes.
/// </summary>
internal static partial class InfraFiles
{
    /// <summary>The repository's infra/ folder, found above the test's output.</summary>
    public static string Directory { get; } = FindInfra();

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Directory, relativePath));

    /// <summary>Every file of infra/kubernetes.</summary>
    public static IEnumerable<string> KubernetesManifests() =>
        System.IO.Directory.EnumerateFiles(Path.Combine(Directory, "kubernetes"), "*.yaml").Select(File.ReadAllText);

    /// <summary>Names of environment variables a YAML file sets: <c>- name: X</c> entries and <c>X: value</c> map entries that name a configuration key or a variable.</summary>
    public static IEnumerable<string> YamlVariables(string yaml) =>
        YamlEnvName().Matches(yaml).Select(m => m.Groups[1].Value)
            .Concat(YamlMapKey().Matches(yaml).Select(m => m.Groups[1].Value));

    /// <summary>Names of the variables a Dockerfile's ENV lines set.</summary>
    public static IEnumerable<string> DockerfileVariables(string dockerfile) =>
        DockerEnv().Matches(dockerfile).Select(m => m.Groups[1].Value);

    /// <summary>Configuration keys (<c>Section:Key</c>) a shell script passes as <c>--Section:Key=</c> arguments.</summary>
    public static IEnumerable<string> ScriptKeys(string script) =>
        ScriptArgument().Matches(script).Select(m => m.Groups[1].Value);

    /// <summary>The value a YAML map entry or Dockerfile ENV gives <paramref name="name"/> (first occurrence).</summary>
    public static string? Value(string text, string name)
    {
        var match = Regex.Match(text, $@"(?m)(?:^\s*|\s){Regex.Escape(name)}[:=]\s*""?([^""\s\\]+)");
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>The role arguments of the files: <c>["--role", "x"]</c>.</summary>
    public static IEnumerable<string> Roles(string text) => RoleArgument().Matches(text).Select(m => m.Groups[1].Value);

    /// <summary>Every <c>path:</c> of an HTTP probe.</summary>
    public static IEnumerable<string> ProbePaths(string yaml) => ProbePath().Matches(yaml).Select(m => m.Groups[1].Value);

    /// <summary>The port of every HTTP probe.</summary>
    public static IEnumerable<int> ProbePorts(string yaml) => ProbePort().Matches(yaml).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Every <c>containerPort</c> of a manifest.</summary>
    public static IEnumerable<int> ContainerPorts(string yaml) => ContainerPort().Matches(yaml).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The port of an <c>http://host:port</c> address.</summary>
    public static int UrlPort(string url) => int.Parse(UrlPortPattern().Match(url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static string FindInfra()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var infra = Path.Combine(directory.FullName, "infra");
            if (File.Exists(Path.Combine(directory.FullName, "OrleansEval.sln")) && System.IO.Directory.Exists(infra))
            {
                return infra;
            }
        }

        throw new DirectoryNotFoundException($"No infra/ beside an OrleansEval.sln above '{AppContext.BaseDirectory}'.");
    }

    // An env entry: a Section__Key configuration key or an upper-case variable (containers and ports have other names).
    [GeneratedRegex(@"(?m)^\s*-\s+name:\s+([A-Za-z]+__[A-Za-z0-9_]+|[A-Z][A-Z0-9]*_[A-Z0-9_]+)\s*$")]
    private static partial Regex YamlEnvName();

    // A map entry whose key is a configuration key (Section__Key), an ASP.NET Core, .NET runtime or Orleans variable, or Urls.
    [GeneratedRegex(@"(?m)^\s+([A-Za-z]+__[A-Za-z0-9_]+|ASPNETCORE_[A-Z_]+|DOTNET_[A-Za-z_]+|ORLEANS_[A-Z_]+|POD_[A-Z_]+|Urls):")]
    private static partial Regex YamlMapKey();

    [GeneratedRegex(@"(?m)(?:^ENV\s+|^\s+)([A-Za-z][A-Za-z0-9_]*)=")]
    private static partial Regex DockerEnv();

    [GeneratedRegex(@"--([A-Za-z]+(?::[A-Za-z]+)*)=")]
    private static partial Regex ScriptArgument();

    [GeneratedRegex(@"""--role"",\s*""([^""]+)""")]
    private static partial Regex RoleArgument();

    [GeneratedRegex(@"(?m)^\s+path:\s+(\S+)\s*$")]
    private static partial Regex ProbePath();

    [GeneratedRegex(@"(?m)httpGet:\s*\n\s+path:\s+\S+\s*\n\s+port:\s+(\d+)")]
    private static partial Regex ProbePort();

    [GeneratedRegex(@"(?m)containerPort:\s+(\d+)")]
    private static partial Regex ContainerPort();

    [GeneratedRegex(@":(\d+)/?$")]
    private static partial Regex UrlPortPattern();
}
