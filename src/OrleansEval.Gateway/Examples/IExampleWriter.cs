namespace OrleansEval.Gateway.Examples;

/// <summary>Writes the rows of an examples answer to the response as they are read, in one format.</summary>
internal interface IExampleWriter : IAsyncDisposable
{
    /// <summary>The Content-Type of the answer.</summary>
    string ContentType { get; }

    /// <summary>Writes one row; what is buffered reaches the client once it is large enough.</summary>
    Task WriteAsync(ExampleRow row, CancellationToken cancellationToken);

    /// <summary>Writes what the answer used (its last line, or its file footer) and everything still buffered.</summary>
    Task CompleteAsync(ExampleTally tally, CancellationToken cancellationToken);
}
