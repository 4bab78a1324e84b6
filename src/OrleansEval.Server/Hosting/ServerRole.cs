namespace OrleansEval.Server.Hosting;

/// <summary>What one server process is: silo and API at once (the default), a silo only, or an API gateway only.</summary>
public enum ServerRole
{
    /// <summary>A silo hosting the grains and the HTTP/gRPC API in one process (<c>--role all</c>, the default).</summary>
    All,

    /// <summary>A silo hosting the grains; its HTTP endpoint serves <c>/healthz</c> only (<c>--role silo</c>).</summary>
    Silo,

    /// <summary>An Orleans client serving the HTTP/gRPC API, with no grains and no storage of its own (<c>--role gateway</c>).</summary>
    Gateway,
}
