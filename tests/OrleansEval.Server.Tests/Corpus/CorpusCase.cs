namespace OrleansEval.Server.Tests.Corpus;

/// <summary>One generated request of the malformed-request corpus: its name, and how to send it and judge the answer.</summary>
/// <param name="Name">What the request breaks, for the failure report.</param>
/// <param name="Framing">True for requests whose HTTP or gRPC framing is broken; their answers are Kestrel's or Grpc.AspNetCore's.</param>
/// <param name="RunAsync">Sends the request; answers null when the answer is acceptable, else what was wrong with it.</param>
internal sealed record CorpusCase(string Name, bool Framing, Func<CorpusTarget, Task<string?>> RunAsync);
