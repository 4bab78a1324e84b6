namespace OrleansEval.Grains.WarmUp;

/// <summary>What <see cref="GrainCallWarmUp"/> did.</summary>
/// <param name="Compiled">Methods compiled: the answering grains' and the classes they answer with, and the generated proxies' and invokables'.</param>
/// <param name="Carried">Requests and answers copied and serialized once.</param>
/// <param name="CallsRequested">The query paths' calls whose request was carried: every one of them, when the generated
/// invokable of each was found.</param>
public sealed record GrainCallWarmUpResult(int Compiled, int Carried, int CallsRequested);
