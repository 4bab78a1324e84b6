using OrleansEval.Auth;

namespace OrleansEval.Gateway.Auth;

/// <summary>Who a request's key belongs to: the key's name (never its secret) and its scopes.</summary>
internal sealed record ApiCaller(string KeyName, ApiScopes Scopes);
