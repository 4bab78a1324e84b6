using Google.Protobuf.WellKnownTypes;
using OrleansEval.Alerts;
using OrleansEval.Gateway.Grpc.V1;

namespace OrleansEval.Gateway.Grpc;

/// <summary>Writes an alert as its protobuf message; the state is spelt as in JSON ("ok", "firing", "resolved").</summary>
internal static class AlertMessages
{
    public static AlertMessage From(Alert alert)
    {
        var message = new AlertMessage
        {
            Sequence = alert.Sequence,
            ModelId = alert.ModelId,
            Monitor = alert.Monitor,
            Kind = alert.Kind,
            Target = alert.Target,
            State = alert.State switch
            {
                AlertState.Firing => "firing",
                AlertState.Resolved => "resolved",
                _ => "ok",
            },
            Measure = alert.Measure,
            Threshold = alert.Threshold,
            Direction = alert.Direction,
            WindowFrom = Timestamp.FromDateTimeOffset(alert.WindowFrom),
            WindowTo = Timestamp.FromDateTimeOffset(alert.WindowTo),
            Count = alert.Count,
            At = Timestamp.FromDateTimeOffset(alert.At),
        };
        if (alert.Value is { } value)
        {
            message.Value = value;
        }

        if (alert.Baseline is { } baseline)
        {
            message.Baseline = baseline;
        }

        if (alert.Examples is { } examples)
        {
            message.Examples = examples;
        }

        if (alert.QValue is { } qValue)
        {
            message.QValue = qValue;
        }

        message.Bins.AddRange(alert.Bins.Select(b => new V1.AlertBin { Bin = b.Bin, Baseline = b.Baseline, Current = b.Current }));
        if (alert.CauseNote is { } note)
        {
            message.CauseNote = note;
        }

        message.Causes.AddRange(alert.Causes.IsDefault ? [] : alert.Causes.Select(Cause));
        return message;
    }

    private static V1.AlertCause Cause(OrleansEval.Alerts.AlertCause cause)
    {
        var message = new V1.AlertCause { Feature = cause.Feature, Drifted = cause.Drifted };
        if (cause.Mix is { } mix)
        {
            message.Mix = mix;
        }

        if (cause.Within is { } within)
        {
            message.Within = within;
        }

        if (cause.DriftImpact is { } impact)
        {
            message.DriftImpact = impact;
        }

        if (cause.DriftMeasure is { } measure)
        {
            message.DriftMeasure = measure;
        }

        if (cause.DriftValue is { } value)
        {
            message.DriftValue = value;
        }

        return message;
    }
}
