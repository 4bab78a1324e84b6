using System.Reflection;

namespace OrleansEval.Architecture.Tests;

/// <summary>The reads' query layer and the gRPC service speak no HTTP: each protocol adapts the layer, neither goes through the other.</summary>
public sealed class QueryLayerTests
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Assembly Gateway = typeof(OrleansEval.Gateway.Hosting.GatewayExtensions).Assembly;

    private static readonly string[] ProtocolFree = ["OrleansEval.Gateway.Queries", "OrleansEval.Gateway.Grpc"];

    private static readonly string[] QueryTypes = ["DriftRead", "DriftFields", "DriftWindowsRead", "DriftWindowsFields", "PerformanceRead", "PerformanceFields"];

    [Fact]
    public void QueryLayerAndGrpcService_NameNoAspNetCoreHttpType()
    {
        var types = Gateway.GetTypes().Where(t => ProtocolFree.Any(n => t.Namespace == n || t.Namespace?.StartsWith(n + ".", StringComparison.Ordinal) == true) || QueryTypes.Contains(Outermost(t).Name)).ToList();

        var offenders = types.SelectMany(t => Mentions(t).Where(IsHttp).Select(m => $"{t.FullName} names {m.FullName}")).Distinct().ToList();

        Assert.Contains(types, t => t.Name == "DriftRead");
        Assert.Contains(types, t => t.Name == "GrpcProblems");
        Assert.Empty(offenders);
    }

    private static Type Outermost(Type type) => type.DeclaringType is { } outer ? Outermost(outer) : type;

    private static bool IsHttp(Type type) =>
        type.Namespace is { } name && (name == "Microsoft.AspNetCore.Http" || name.StartsWith("Microsoft.AspNetCore.Http.", StringComparison.Ordinal));

    /// <summary>Every type in the signatures and fields of <paramref name="type"/>, generic arguments included; fields of async state machines hold the locals kept across an await.</summary>
    private static IEnumerable<Type> Mentions(Type type)
    {
        var direct = type.GetFields(Declared).Select(f => f.FieldType)
            .Concat(type.GetProperties(Declared).Select(p => p.PropertyType))
            .Concat(type.GetMethods(Declared).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)))
            .Concat(type.GetConstructors(Declared).SelectMany(c => c.GetParameters().Select(p => p.ParameterType)));
        return direct.SelectMany(Unwrapped);
    }

    private static IEnumerable<Type> Unwrapped(Type type) =>
        type.HasElementType ? Unwrapped(type.GetElementType()!)
        : type.IsGenericType ? type.GetGenericArguments().SelectMany(Unwrapped).Append(type)
        : [type];
}
