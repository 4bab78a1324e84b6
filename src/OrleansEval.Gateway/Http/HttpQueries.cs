using Microsoft.AspNetCore.Http;
using OrleansEval.Gateway.Queries;

namespace OrleansEval.Gateway.Http;

/// <summary>
/// The HTTP side of the query layer: a read's fields taken from the query string, and its result answered as the
/// JSON document or as the RFC 7807 problem naming the field and the rule.
/// </summary>
internal static class HttpQueries
{
    /// <summary>The series and window fields of <paramref name="query"/>.</summary>
    public static WindowFields Window(IQueryCollection query) =>
        new(Field(query, "version"), Field(query, "environment"), Field(query, "from"), Field(query, "to"));

    /// <summary>The first value of <paramref name="name"/>, or null when the query string has none.</summary>
    public static string? Field(IQueryCollection query, string name) => query[name].FirstOrDefault();

    /// <summary>The document as application/json, or the problem of the failure.</summary>
    public static IResult Respond(QueryResult result) =>
        result.Failure is { } failure ? Problem(failure) : Results.Bytes(result.Json!, "application/json");

    /// <summary>400 for an invalid field, 404 for one naming nothing held.</summary>
    public static IResult Problem(QueryFailure failure) => failure.Kind switch
    {
        QueryFailureKind.NotFound => Problems.NotFound(failure.Field, failure.Rule),
        _ => Problems.BadRequest(failure.Field, failure.Rule),
    };
}
