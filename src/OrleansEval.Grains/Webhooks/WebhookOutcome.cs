namespace OrleansEval.Grains.Webhooks;

/// <summary>How one POST ended: the receiver's status (null when it gave none) and, for a failure, why.</summary>
internal sealed record WebhookOutcome(int? Status, string? Error, TimeSpan Duration)
{
    public bool Succeeded => Error is null;

    /// <summary>410 Gone: the receiver says it will never accept again, so the webhook is disabled.</summary>
    public bool Gone => Status == 410;
}
