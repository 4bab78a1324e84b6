namespace OrleansEval.Server.Tests.Memory;

[CollectionDefinition(NativeHeapTrimTests.Name, DisableParallelization = true)]
public sealed class NativeHeapCollection;
