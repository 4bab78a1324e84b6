namespace OrleansEval.Gateway.Examples;

/// <summary>How an examples answer is written: <c>ndjson</c> (the default), <c>csv</c> or <c>parquet</c>.</summary>
internal enum ExampleFormat
{
    /// <summary>One record per line in the JSON shape the records endpoint accepts.</summary>
    Ndjson,

    /// <summary>RFC 4180 CSV with a header row of flattened column names.</summary>
    Csv,

    /// <summary>Apache Parquet with the same flattened columns, a row group per few thousand rows.</summary>
    Parquet,
}
