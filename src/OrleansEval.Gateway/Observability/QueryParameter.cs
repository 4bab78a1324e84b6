namespace OrleansEval.Gateway.Observability;

/// <summary>
/// A query parameter an endpoint reads from the request itself (so the API description cannot see it), put on the
/// endpoint as metadata so that its OpenAPI operation names it.
/// </summary>
/// <param name="Name">The parameter's name in the query string.</param>
/// <param name="Description">What it selects, its form and its default.</param>
/// <param name="Example">A value that works on the weather demo.</param>
/// <param name="Required">Whether a request without it is refused.</param>
public sealed record QueryParameter(string Name, string Description, string Example, bool Required = false);
