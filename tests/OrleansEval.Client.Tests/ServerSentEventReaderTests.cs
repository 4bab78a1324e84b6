namespace OrleansEval.Client.Tests;

public sealed class ServerSentEventReaderTests
{
    private static async Task<List<ServerSentEvent>> ReadAsync(string text)
    {
        var events = new List<ServerSentEvent>();
        await foreach (var item in ServerSentEventReader.ReadAsync(new StringReader(text)))
        {
            events.Add(item);
        }

        return events;
    }

    [Fact]
    public async Task ReadAsync_AlertAndLaggedEvents_YieldsTypeIdAndData()
    {
        var events = await ReadAsync("event: alert\nid: 7\ndata: {\"sequence\": 7}\n\nevent: lagged\ndata: {}\n\n");

        Assert.Equal(2, events.Count);
        Assert.Equal(("alert", "7", "{\"sequence\": 7}"), (events[0].Event, events[0].Id, events[0].Data));
        Assert.Equal("lagged", events[1].Event);
    }

    [Fact]
    public async Task ReadAsync_SeveralDataLinesCommentsAndCarriageReturns_JoinsDataAndSkipsComments()
    {
        var events = await ReadAsync(": keep-alive\r\ndata:first\r\ndata: second\r\n\r\n");

        var single = Assert.Single(events);
        Assert.Equal("message", single.Event);
        Assert.Equal("first\nsecond", single.Data);
        Assert.Null(single.Id);
    }

    [Fact]
    public async Task ReadAsync_UnfinishedLastEvent_IsDropped()
    {
        var events = await ReadAsync("event: alert\nid: 1\ndata: {}\n\nevent: alert\nid: 2\ndata: {}");

        Assert.Equal(["1"], events.Select(e => e.Id));
    }

    [Fact]
    public async Task ReadAsync_NamedEventWithoutData_IsStillAnEvent()
    {
        var events = await ReadAsync("event: lagged\n\n");

        Assert.Equal("lagged", Assert.Single(events).Event);
    }

    [Fact]
    public async Task ReadAsync_RetryAndIdWithoutNewEvent_KeepsTheLastIdAndReadsTheRetry()
    {
        var events = await ReadAsync("retry: 250\nid: 5\ndata: a\n\ndata: b\n\n");

        Assert.Equal(250, events[0].Retry);
        Assert.Equal("5", events[1].Id);
        Assert.Null(events[1].Retry);
    }
}
