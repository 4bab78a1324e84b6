namespace OrleansEval.Gateway.Observability;

/// <summary>
/// Endpoint metadata: a format the endpoint can answer as a file (a download with no JSON schema), so that its OpenAPI
/// operation lists the media type beside its JSON or NDJSON answer.
/// </summary>
/// <param name="MediaType">The media type of the file.</param>
/// <param name="Description">What the file holds and how it is asked for.</param>
internal sealed record FileAnswer(string MediaType, string Description);
