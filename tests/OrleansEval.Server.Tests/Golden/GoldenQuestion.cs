namespace OrleansEval.Server.Tests.Golden;

/// <summary>One read the weather goldens guard: its name (the golden file's) and how to ask it of the replayed server.</summary>
public sealed record GoldenQuestion(string Name, Func<WeatherGoldenServer, Task<byte[]>> AskAsync)
{
    public override string ToString() => Name;
}
