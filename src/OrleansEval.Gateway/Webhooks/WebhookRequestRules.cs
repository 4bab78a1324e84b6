using System.Collections.Immutable;
using System.Text;
using Microsoft.AspNetCore.Http;
using OrleansEval.Alerts;
using OrleansEval.Gateway.Http;
using OrleansEval.Keys;
using OrleansEval.Webhooks;

namespace OrleansEval.Gateway.Webhooks;

/// <summary>Turns a webhook request into a definition, or into the 400 problem that names the field and the rule.</summary>
internal static class WebhookRequestRules
{
    public const int MinSecretBytes = 16;

    private const int MaxSecretBytes = 256;

    private const int MaxUrlLength = 2_048;

    private const int MaxModels = 100;

    public static (WebhookDefinition? Definition, IResult? Problem) ToDefinition(WebhookRequest request)
    {
        if (UrlProblem(request.Url) is { } urlProblem)
        {
            return (null, urlProblem);
        }

        var format = request.Format ?? "json";
        WebhookFormat? parsed = format switch
        {
            "json" => WebhookFormat.Json,
            "slack" => WebhookFormat.Slack,
            "pagerduty" => WebhookFormat.PagerDuty,
            _ => null,
        };
        if (parsed is null)
        {
            return (null, Problems.BadRequest("format", "must be json, slack or pagerduty"));
        }

        var problem = ModelsProblem(request.Models) ?? SecretProblem(request.Secret) ?? RoutingKeyProblem(parsed.Value, request.RoutingKey);
        if (problem is not null)
        {
            return (null, problem);
        }

        var (states, statesProblem) = States(request.States);
        return statesProblem is not null
            ? (null, statesProblem)
            : (new WebhookDefinition
            {
                Url = new Uri(request.Url!, UriKind.Absolute),
                Models = [.. (request.Models ?? []).Distinct(StringComparer.Ordinal)],
                States = states,
                Format = parsed.Value,
                Secret = request.Secret,
                RoutingKey = request.RoutingKey,
            }, null);
    }

    private static IResult? UrlProblem(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return Problems.BadRequest("url", "is required: the receiver's http or https URL");
        }

        if (url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
        {
            return Problems.BadRequest("url", $"must be an absolute http or https URL of at most {MaxUrlLength} characters");
        }

        return null;
    }

    private static IResult? ModelsProblem(List<string>? models)
    {
        if (models is null)
        {
            return null;
        }

        if (models.Count > MaxModels)
        {
            return Problems.BadRequest("models", $"may name at most {MaxModels} models");
        }

        return models.Select((model, i) => NameChecks.Problem($"models[{i}]", NameKind.Model, model)).FirstOrDefault(p => p is not null);
    }

    private static IResult? SecretProblem(string? secret) =>
        secret is not null && Encoding.UTF8.GetByteCount(secret) is < MinSecretBytes or > MaxSecretBytes
            ? Problems.BadRequest("secret", $"must be between {MinSecretBytes} and {MaxSecretBytes} bytes of UTF-8")
            : null;

    private static IResult? RoutingKeyProblem(WebhookFormat format, string? routingKey) => (format, routingKey) switch
    {
        (WebhookFormat.PagerDuty, null or "") => Problems.BadRequest("routingKey", "is required with format pagerduty: the integration key of the PagerDuty service"),
        (WebhookFormat.PagerDuty, { Length: > 128 }) => Problems.BadRequest("routingKey", "must be at most 128 characters"),
        (not WebhookFormat.PagerDuty, not null) => Problems.BadRequest("routingKey", "is only for format pagerduty"),
        _ => null,
    };

    private static (ImmutableArray<AlertState> States, IResult? Problem) States(List<string>? states)
    {
        var parsed = ImmutableArray.CreateBuilder<AlertState>();
        for (var i = 0; i < (states?.Count ?? 0); i++)
        {
            switch (states![i])
            {
                case "firing":
                    parsed.Add(AlertState.Firing);
                    break;
                case "resolved":
                    parsed.Add(AlertState.Resolved);
                    break;
                default:
                    return ([], Problems.BadRequest($"states[{i}]", "must be firing or resolved"));
            }
        }

        return ([.. parsed.Distinct()], null);
    }
}
