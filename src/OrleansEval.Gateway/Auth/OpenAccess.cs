namespace OrleansEval.Gateway.Auth;

/// <summary>Whether the host may run without keys: true only for Development listening on loopback addresses alone.</summary>
/// <param name="Allowed">True when the host allows the API to be open.</param>
/// <param name="Why">The host's reason, quoted in the start-up error when no key is configured and it is not allowed.</param>
public sealed record OpenAccess(bool Allowed, string Why);
