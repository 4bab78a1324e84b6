using System.Reflection;
using OrleansEval.Grains.RootCause;
using OrleansEval.Grains.WarmUp;

namespace OrleansEval.Grains.Tests.WarmUp;

/// <summary>
/// The runtime's box over the root-cause worker's state machines is compiled ahead of the first question; a type that is
/// not an async method's state machine compiles nothing. If the runtime's box stops having the shape looked for, the count
/// falls to zero and this fails.
/// </summary>
public sealed class AsyncMachineryWarmUpTests
{
    [Fact]
    public void Compile_TheWorkersRootCauseStateMachine_CompilesItsBoxAndStart()
    {
        var stateMachine = typeof(RootCauseWorker).GetNestedTypes(BindingFlags.NonPublic).Single(type => type.Name.StartsWith("<RootCauseAsync>", StringComparison.Ordinal));

        // The box's constructor, MoveNext (twice), its context, its action, its callback and the builder's Start at least.
        Assert.InRange(AsyncMachineryWarmUp.Compile(stateMachine), 6, 64);
    }

    [Fact]
    public void Compile_OfATypeThatIsNoStateMachine_CompilesNothing()
    {
        Assert.Equal(0, AsyncMachineryWarmUp.Compile(typeof(RootCauseWorker)));
        Assert.Equal(0, AsyncMachineryWarmUp.Compile(typeof(string)));
    }
}
