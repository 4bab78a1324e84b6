using System.Reflection;
using System.Runtime.CompilerServices;

namespace OrleansEval.Grains.WarmUp;

/// <summary>
/// Compiles the runtime's generic code over an async method's state machine ahead of the method's first real run. An
/// async method whose first await does not complete at once (a grain call's) moves its state machine into a box, a
/// generic class of the runtime over the state machine's type (<c>AsyncTaskMethodBuilder&lt;T&gt;.AsyncStateMachineBox&lt;S&gt;</c>),
/// whose methods — and the builder's <c>Start&lt;S&gt;</c> — are compiled for each state machine on its first suspension.
/// Compiling the state machine's own <c>MoveNext</c> does not reach them, and on the first root-cause question they were
/// most of what it compiled (docs/benchmarks.md, Rootcause mode, Dec 6 23:35).
/// </summary>
internal static class AsyncMachineryWarmUp
{
    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;

    // The result type of a builder that returns nothing: its box is the one of a Task<VoidTaskResult>.
    private static readonly Type? NoResult = typeof(Task).Assembly.GetType("System.Threading.Tasks.VoidTaskResult");

    /// <summary>
    /// Compiles the box and the builder's start for <paramref name="stateMachine"/> when it is an async method's state
    /// machine with a task builder; the methods compiled (0 for any other type, or where the runtime's shape is not the one
    /// known here).
    /// </summary>
    public static int Compile(Type stateMachine)
    {
        ArgumentNullException.ThrowIfNull(stateMachine);
        if (!typeof(IAsyncStateMachine).IsAssignableFrom(stateMachine)
            || stateMachine.GetField("<>t__builder", Declared)?.FieldType is not { } builder
            || Result(builder) is not { } result
            || typeof(AsyncTaskMethodBuilder<>).GetNestedType("AsyncStateMachineBox`1", BindingFlags.NonPublic) is not { } box)
        {
            return 0;
        }

        var compiled = 0;
        var instantiation = new[] { result.TypeHandle, stateMachine.TypeHandle };
        var boxed = box.MakeGenericType(result, stateMachine);
        foreach (var method in boxed.GetMethods(Declared).Cast<MethodBase>().Concat(boxed.GetConstructors(Declared)))
        {
            if (method.IsAbstract || method.IsGenericMethodDefinition || method.GetMethodBody() is null)
            {
                continue;
            }

            RuntimeHelpers.PrepareMethod(method.MethodHandle, instantiation);
            compiled++;
        }

        if (builder.GetMethod(nameof(AsyncTaskMethodBuilder.Start)) is { IsGenericMethodDefinition: true } start)
        {
            var started = start.MakeGenericMethod(stateMachine);
            RuntimeHelpers.PrepareMethod(started.MethodHandle, [.. builder.GetGenericArguments().Select(type => type.TypeHandle), stateMachine.TypeHandle]);
            compiled++;
        }

        return compiled;
    }

    // The result type of the task a builder's box completes: T for a Task<T> or ValueTask<T> builder, VoidTaskResult for
    // a Task or ValueTask one; null for any other builder (an async iterator's, a pooling one's).
    private static Type? Result(Type builder)
    {
        if (builder.IsGenericType)
        {
            var definition = builder.GetGenericTypeDefinition();
            return definition == typeof(AsyncTaskMethodBuilder<>) || definition == typeof(AsyncValueTaskMethodBuilder<>) ? builder.GetGenericArguments()[0] : null;
        }

        return builder == typeof(AsyncTaskMethodBuilder) || builder == typeof(AsyncValueTaskMethodBuilder) ? NoResult : null;
    }
}
