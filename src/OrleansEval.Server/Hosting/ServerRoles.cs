namespace OrleansEval.Server.Hosting;

/// <summary>Reads the <see cref="ServerRole"/> from configuration (<c>--role</c> on the command line, <c>Role</c> elsewhere).</summary>
public static class ServerRoles
{
    /// <summary>Configuration key of the role.</summary>
    public const string Key = "Role";

    /// <summary>The configured role; <see cref="ServerRole.All"/> when none is named.</summary>
    /// <exception cref="InvalidOperationException">The value names no role.</exception>
    public static ServerRole From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[Key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return ServerRole.All;
        }

        return Enum.TryParse<ServerRole>(value.Trim(), ignoreCase: true, out var role) && Enum.IsDefined(role) && !int.TryParse(value, out _)
            ? role
            : throw new InvalidOperationException($"{Key}: '{value}' is not a role; use 'all', 'silo' or 'gateway'.");
    }

    /// <summary>Whether a process of this role hosts grains (and so a silo).</summary>
    public static bool HostsGrains(this ServerRole role) => role is ServerRole.All or ServerRole.Silo;

    /// <summary>Whether a process of this role serves the HTTP/gRPC API.</summary>
    public static bool ServesApi(this ServerRole role) => role is ServerRole.All or ServerRole.Gateway;
}
