namespace OrleansEval.Gateway.Examples;

/// <summary>
/// What an examples answer used, known in full only at its end: the rows written, whether any day read was a sample
/// of its records (the store keeps <c>RowsPerDay</c> per series and day), and whether the whole window was read.
/// </summary>
internal sealed class ExampleTally
{
    public long Rows { get; set; }

    public bool Sampled { get; set; }

    public bool ReadToEnd { get; set; }
}
