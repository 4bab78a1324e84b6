namespace OrleansEval.Grains.Tests.Cluster;

/// <summary>Writes, bytes stored and deletes of one kind of record.</summary>
public sealed record RecordCount(long Writes, long Bytes, long Deletes);
