using System.Net;

namespace OrleansEval.Client;

/// <summary>The store refused a request: the HTTP status, and the field and rule from its problem details.</summary>
public sealed class OrleansEvalException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OrleansEvalException(HttpStatusCode statusCode, string? field, string message)
        : base(message)
    {
        StatusCode = statusCode;
        Field = field;
    }

    /// <summary>Creates the exception without details.</summary>
    public OrleansEvalException()
        : this(HttpStatusCode.InternalServerError, null, "the request failed")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public OrleansEvalException(string message)
        : this(HttpStatusCode.InternalServerError, null, message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public OrleansEvalException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = HttpStatusCode.InternalServerError;
    }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The field at fault, when the answer names one.</summary>
    public string? Field { get; }
}
