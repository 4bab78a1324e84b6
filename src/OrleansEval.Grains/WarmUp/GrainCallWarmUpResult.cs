namespace OrleansEval.Grains.WarmUp;

/// <summary>What <see cref="GrainCallWarmUp"/> did.</summary>
/// <param name="Compiled">Methods compiled: the answering grains' and helpers', and the generated proxies' and invokables'.</param>
/// <param name="Carried">Requests and answers copied and serialized once.</param>
public sealed record GrainCallWarmUpResult(int Compiled, int Carried);
