using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OrleansEval.Auth;

namespace OrleansEval.Gateway.Auth;

/// <summary>What the key check logs: key names and scopes, never a secret.</summary>
internal static partial class AuthLog
{
    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning,
        Message = "No API key is configured: the API is open to anyone who can reach this loopback address (Development). Set Auth:Keys:<name>:Secret and Auth:Keys:<name>:Scopes to require keys.")]
    public static partial void RunningOpen(ILogger logger);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Information, Message = "API keys are required: {Count} configured key(s), stored keys cached for {CacheTtl}.")]
    public static partial void KeysRequired(ILogger logger, int count, TimeSpan cacheTtl);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Information, Message = "Refused {Method} {Path}: {Status} ({Rule}).")]
    public static partial void Refused(ILogger logger, string method, PathString path, int status, string rule);

    [LoggerMessage(EventId = 1504, Level = LogLevel.Information, Message = "API key {KeyId} '{Name}' created with scopes {Scopes} by key '{By}'.")]
    public static partial void Created(ILogger logger, string keyId, string name, ApiScopes scopes, string by);

    [LoggerMessage(EventId = 1505, Level = LogLevel.Information, Message = "API key {KeyId} revoked by key '{By}'.")]
    public static partial void Revoked(ILogger logger, string keyId, string by);
}
