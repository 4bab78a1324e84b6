namespace OrleansEval.Gateway.Observability;

/// <summary>
/// Endpoint metadata: the JSON body the handler reads itself (so the API description cannot see it), documented as its
/// OpenAPI operation's <c>application/json</c> request body. Unlike <c>Accepts</c>, it leaves routing alone: the body is
/// read whatever content type the request names.
/// </summary>
/// <param name="BodyType">The documented shape of the body, or of each element when <paramref name="IsArray"/>.</param>
/// <param name="IsArray">Whether the body is a JSON array of <paramref name="BodyType"/>.</param>
/// <param name="Example">A body that works on the weather demo, as JSON text.</param>
internal sealed record JsonRequest(Type BodyType, bool IsArray = false, string? Example = null);
