namespace OrleansEval.Gateway.Records;

/// <summary>What the parser made of a request body of items read one object each (late actuals).</summary>
internal sealed class ParsedBatch<T> : ParsedBody
{
    public List<T> Items { get; } = [];
}
