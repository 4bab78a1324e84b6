using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;
using OrleansEval.Gateway.Grpc.V1;
using Record = OrleansEval.Gateway.Grpc.V1.Record;
using Microsoft.AspNetCore.Mvc.Testing;
using V1Value = OrleansEval.Gateway.Grpc.V1.Value;

namespace OrleansEval.Server.Tests.Grpc;

/// <summary>Builds the protobuf form of the API's JSON records, field for field, and channels to an in-memory server.</summary>
internal static class ProtoRecords
{
    public static GrpcChannel Channel(WebApplicationFactory<Program> factory) =>
        GrpcChannel.ForAddress(factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = factory.Server.CreateHandler() });

    public static Record FromJson(JsonObject json)
    {
        var record = new Record();
        foreach (var (name, node) in json)
        {
            switch (name)
            {
                case "predictionId":
                    record.PredictionId = node!.GetValue<string>();
                    break;
                case "timestamp":
                    record.Timestamp = Timestamp.FromDateTimeOffset(DateTimeOffset.Parse(node!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case "version":
                    record.Version = node!.GetValue<string>();
                    break;
                case "environment":
                    record.Environment = node!.GetValue<string>();
                    break;
                case "features":
                    AddValues(record.Features, node!.AsObject());
                    break;
                case "tags":
                    AddValues(record.Tags, node!.AsObject());
                    break;
                case "prediction":
                    var prediction = node!.AsObject();
                    record.Prediction = new Prediction { Label = ValueOf(prediction["label"]) };
                    if (prediction["score"] is { } score)
                    {
                        record.Prediction.Score = score.GetValue<double>();
                    }

                    if (prediction["value"] is { } predicted)
                    {
                        record.Prediction.Value = predicted.GetValue<double>();
                    }

                    break;
                case "actual":
                    var actual = node!.AsObject();
                    record.Actual = new Actual { Label = ValueOf(actual["label"]) };
                    if (actual["value"] is { } value)
                    {
                        record.Actual.Value = value.GetValue<double>();
                    }

                    break;
                default:
                    throw new ArgumentException($"{name} is not a record field");
            }
        }

        return record;
    }

    public static V1Value ValueOf(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => new V1Value(),
        JsonValueKind.String => new V1Value { Text = node.GetValue<string>() },
        JsonValueKind.True or JsonValueKind.False => new V1Value { Flag = node.GetValue<bool>() },
        JsonValueKind.Number => new V1Value { Number = node.GetValue<double>() },
        _ => throw new ArgumentException($"{node.ToJsonString()} has no protobuf value"),
    };

    private static void AddValues(Google.Protobuf.Collections.MapField<string, V1Value> values, JsonObject json)
    {
        foreach (var (name, value) in json)
        {
            values.Add(name, ValueOf(value));
        }
    }
}
