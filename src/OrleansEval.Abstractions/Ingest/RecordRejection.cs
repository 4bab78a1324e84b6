namespace OrleansEval.Ingest;

/// <summary>A record that was not accepted: its position in the request and what was wrong with it.</summary>
[GenerateSerializer]
[Alias("OrleansEval.RecordRejection")]
[Immutable]
public sealed record RecordRejection([property: Id(0)] int Index, [property: Id(1)] string Error);
