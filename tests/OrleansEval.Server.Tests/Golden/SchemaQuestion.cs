using OrleansEval.Server.Tests.Observability;

namespace OrleansEval.Server.Tests.Golden;

/// <summary>
/// A request to the replayed weather server whose answer is held to the schema the OpenAPI document gives it (not to a
/// golden): its name, where the document gives its answer, and how to send it.
/// </summary>
public sealed record SchemaQuestion(string Name, DocumentedAnswer Answer, Func<WeatherGoldenServer, Task<byte[]>> AskAsync)
{
    public override string ToString() => Name;
}
