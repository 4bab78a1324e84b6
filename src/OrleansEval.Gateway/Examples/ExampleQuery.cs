using OrleansEval.Models;
using OrleansEval.Rows;

namespace OrleansEval.Gateway.Examples;

/// <summary>
/// A checked examples request: which rows to read, the slice they must fall in, the label conditions on them
/// (<c>labelled</c>, <c>misclassified</c> with <c>minError</c> for a regressor), at most how many, and the format.
/// </summary>
internal sealed record ExampleQuery(
    ModelSnapshot Model,
    RowQuery Rows,
    RowFilter Slice,
    bool? Labelled,
    bool? Misclassified,
    double? MinError,
    long? Limit,
    ExampleFormat Format);
