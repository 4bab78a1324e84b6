using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansEval.Grains.Hosting;
using OrleansEval.Grains.Persistence;
using OrleansEval.Grains.RootCause;

namespace OrleansEval.Grains.Tests.Persistence;

/// <summary>
/// The silo's write slots: at most the bound of writes hold one at once, the next starts when one is freed, and a write
/// waits for the root-cause questions under way to end, but never longer than the deferral.
/// </summary>
public sealed class WriteSlotsTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new();
    private readonly QuestionsInFlight _questions;

    public WriteSlotsTests() => _questions = new QuestionsInFlight(_time);

    [Fact]
    public async Task Enter_PastTheBound_WaitsUntilASlotIsFreedAndAFreedSlotIsFreedOnce()
    {
        using var slots = Create(writes: 2, TimeSpan.FromMilliseconds(500));
        var first = await slots.EnterAsync().WaitAsync(Bound);
        var second = await slots.EnterAsync().WaitAsync(Bound);
        var third = slots.EnterAsync();
        var fourth = slots.EnterAsync();

        Assert.Equal(2, slots.InUse);
        Assert.False(third.IsCompleted);
        first.Dispose();
        first.Dispose();
        var entered = await Task.WhenAny(third, fourth).WaitAsync(Bound);
        var waiting = entered == third ? fourth : third;

        // The second Dispose of the first slot freed nothing more: the other waiting write still waits.
        Assert.False(waiting.IsCompleted);
        Assert.Equal(2, slots.InUse);
        second.Dispose();
        (await waiting.WaitAsync(Bound)).Dispose();
        (await entered).Dispose();
        Assert.Equal(0, slots.InUse);
    }

    [Fact]
    public async Task Enter_WhileAQuestionIsUnderWay_WaitsForItsEnd()
    {
        using var slots = Create(writes: 4, TimeSpan.FromMilliseconds(500));
        var question = _questions.Begin();
        var entering = slots.EnterAsync();

        Assert.False(entering.IsCompleted);
        Assert.Equal(0, slots.InUse);
        question.Dispose();
        (await entering.WaitAsync(Bound)).Dispose();
        Assert.True(_questions.WhenNone().IsCompleted);
    }

    [Fact]
    public async Task Enter_WhileQuestionsOutlastTheDeferral_GoesAheadAfterIt()
    {
        using var slots = Create(writes: 4, TimeSpan.FromMilliseconds(500));
        using var question = _questions.Begin();
        using var another = _questions.Begin();
        var entering = slots.EnterAsync();

        _time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.False(entering.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        (await entering.WaitAsync(Bound)).Dispose();
        Assert.Equal(2, _questions.Count);
        Assert.False(_questions.WhenNone().IsCompleted);
    }

    [Fact]
    public async Task Enter_WithNoDeferral_DoesNotWaitForQuestions()
    {
        using var slots = Create(writes: 1, TimeSpan.Zero);
        using var question = _questions.Begin();

        (await slots.EnterAsync().WaitAsync(Bound)).Dispose();
    }

    [Fact]
    public async Task WhenNone_CompletesOnlyWhenTheLastQuestionUnderWayEnds()
    {
        var questions = new QuestionsInFlight(new FakeTimeProvider());
        Assert.True(questions.WhenNone().IsCompleted);

        var first = questions.Begin();
        var second = questions.Begin();
        var none = questions.WhenNone();
        first.Dispose();
        Assert.False(none.IsCompleted);
        second.Dispose();
        await none.WaitAsync(Bound);

        using var third = questions.Begin();
        Assert.False(questions.WhenNone().IsCompleted);
    }

    private WriteSlots Create(int writes, TimeSpan deferral) =>
        new(Options.Create(new OrleansEvalOptions { BucketWritesInFlight = writes, WriteDeferralForQuestion = deferral }), _questions, _time);
}
