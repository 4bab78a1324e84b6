using Orleans.Serialization;
using OrleansEval.Grains.Tests.Storage;

namespace OrleansEval.Grains.Tests.Cluster;

/// <summary>
/// Grain storage that outlives any one silo of an in-process test cluster: state is serialized with the silo's
/// serializer into one process-wide table, as a real store would keep it, so a grain that moves to another silo
/// after a shutdown reads exactly what its last activation wrote. Version tags are not checked.
/// </summary>
public sealed class SharedGrainStorage(Serializer serializer) : SerializedGrainStorage<SharedGrainStorage>(serializer);
