using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansEval.Server.Tests.Corpus;

/// <summary>The JSON bodies of the corpus, sent with an ordinary HTTP client.</summary>
internal static partial class MalformedRequests
{
    private const string Record = """{"predictionId": "p-1", "timestamp": "2013-01-01T00:00:00Z", "version": "v1", "environment": "production", "features": {"x": 1.5, "loc": "a"}, "tags": {"region": "e"}, "prediction": {"label": "1", "score": 0.7}, "actual": {"label": "0"}}""";

    private static readonly string[] BadTimestamps =
    [
        "2024-05-01", "May 1 2024", "2024-05-01T10:00:00Z\n", "2024-05-01T10:00:00", "2024-05-01 10:00:00Z", "2024-13-01T00:00:00Z",
        "2024-02-30T00:00:00Z", "2024-05-01T24:00:00Z", "2024-05-01T10:00:60Z", "2024-05-01T10:00:00+15:00", "2024-05-01T10:00:00.Z",
        "2024-05-01T10:00:00.1234567890Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59-14:00", "+2024-05-01T10:00:00Z",
        "2024-05-01t10:00:00z", "２０２４-05-01T10:00:00Z", "", " 2024-05-01T10:00:00Z", "1714557600",
    ];

    private static readonly string[] Numbers =
    [
        "1e400", "-1e400", "1e308", "-1e308", "123456789012345678901234567890", "1e-400", "-0", "NaN", "Infinity", "-Infinity",
        "1E+2", "00", "01", ".5", "5.", "+1", "0x10", "1_000", "9007199254740993", "2147483648", "-2147483649", "1e",
    ];

    private static readonly string[] WrongValues = ["\"s\"", "1", "true", "null", "[]", "{}", "[[1]]", "{\"a\": 1}"];

    private static readonly byte[][] BadUtf8 = [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF], [0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]];

    /// <summary>A request shape the corpus breaks: where it goes and a valid body.</summary>
    private sealed record Template(string Name, HttpMethod Method, string Path, string Body, string[] Fields);

    private static Template[] Templates(string modelId) =>
    [
        new("records", HttpMethod.Post, $"/v1/models/{modelId}/records", $"[{Record}]",
            ["predictionId", "timestamp", "version", "environment", "features", "tags", "prediction", "actual", "features.x", "features.loc", "prediction.label", "prediction.score", "actual.label"]),
        new("actuals", HttpMethod.Post, $"/v1/models/{modelId}/actuals", """[{"predictionId": "p-1", "actual": {"label": "1"}, "timestamp": "2013-01-01T00:00:00Z"}]""",
            ["predictionId", "actual", "timestamp", "actual.label"]),
        new("model", HttpMethod.Put, $"/v1/models/{modelId}-m", """{"task": "multiclass_classification", "bucket": "1h", "features": [{"name": "x", "type": "numeric"}], "tags": [{"name": "region", "type": "categorical"}], "classes": ["a", "b"]}""",
            ["task", "bucket", "features", "tags", "classes"]),
        new("baseline", HttpMethod.Put, $"/v1/models/{modelId}/baselines/b1", """{"version": "v1", "environment": "production", "from": "2013-01-01T00:00:00Z", "to": "2013-01-02T00:00:00Z", "bins": 10, "edges": {"x": [1, 2]}}""",
            ["version", "environment", "from", "to", "bins", "edges"]),
        new("slice", HttpMethod.Put, $"/v1/models/{modelId}/slices/s1", """{"conditions": ["loc = a", "x in [0, 1)"]}""", ["conditions"]),
        new("monitor", HttpMethod.Put, $"/v1/models/{modelId}/monitors/m1", """{"kind": "drift", "measure": "psi", "threshold": 0.2, "baseline": "training", "window": "1d", "minCount": 30}""",
            ["kind", "measure", "threshold", "baseline", "window", "minCount", "target", "slice", "hysteresis"]),
    ];

    private static IEnumerable<CorpusCase> JsonCases(string modelId, Random random)
    {
        var templates = Templates(modelId);
        foreach (var template in templates)
        {
            var valid = Encoding.UTF8.GetBytes(template.Body);
            for (var i = 0; i < 15; i++)
            {
                var cut = random.Next(1, valid.Length);
                yield return Json(template, $"truncated at {cut}", valid[..cut]);
            }

            for (var i = 0; i < 15; i++)
            {
                var flipped = (byte[])valid.Clone();
                for (var f = random.Next(1, 4); f > 0; f--)
                {
                    flipped[random.Next(flipped.Length)] = (byte)random.Next(256);
                }

                yield return Json(template, $"bytes flipped ({i})", flipped);
            }

            foreach (var field in template.Fields)
            {
                foreach (var wrong in WrongValues)
                {
                    yield return Json(template, $"{field} = {wrong}", Utf8(Replace(template.Body, field, wrong)));
                }
            }

            yield return Json(template, "UTF-8 byte-order mark", Concat([0xEF, 0xBB, 0xBF], valid));
            yield return Json(template, "UTF-16 with byte-order mark", Concat([0xFF, 0xFE], Encoding.Unicode.GetBytes(template.Body)));
            yield return Json(template, "byte-order mark inside", Concat(valid[..1], [0xEF, 0xBB, 0xBF], valid[1..]));
            yield return Json(template, "empty body", []);
            yield return Json(template, "whitespace body", Utf8(" \r\n\t "));
            yield return Json(template, "NUL body", [0, 0, 0, 0]);
            yield return Json(template, "two documents", Utf8(template.Body + template.Body));
            yield return Json(template, "text/plain", valid, "text/plain");
            yield return Json(template, "no content type", valid, null);
            foreach (var sequence in BadUtf8)
            {
                var quote = template.Body.IndexOf('"', 3);
                yield return Json(template, $"invalid UTF-8 {Convert.ToHexString(sequence)}", Concat(valid[..(quote + 1)], sequence, valid[(quote + 1)..]));
            }
        }

        foreach (var @case in RecordCases(templates[0]).Concat(BodyCases(templates)))
        {
            yield return @case;
        }
    }

    private static IEnumerable<CorpusCase> RecordCases(Template records)
    {
        foreach (var number in Numbers)
        {
            yield return Json(records, $"feature number {number}", Utf8(records.Body.Replace("1.5", number, StringComparison.Ordinal)));
            yield return Json(records, $"score number {number}", Utf8(records.Body.Replace("0.7", number, StringComparison.Ordinal)));
        }

        foreach (var timestamp in BadTimestamps)
        {
            yield return Json(records, $"timestamp {JsonSerializer.Serialize(timestamp)}", Utf8(Replace(records.Body, "timestamp", JsonSerializer.Serialize(timestamp))));
        }

        foreach (var name in HostileNames)
        {
            var quoted = JsonSerializer.Serialize(name);
            yield return Json(records, $"version {Short(quoted)}", Utf8(Replace(records.Body, "version", quoted)));
            yield return Json(records, $"environment {Short(quoted)}", Utf8(Replace(records.Body, "environment", quoted)));
            yield return Json(records, $"feature key {Short(quoted)}", Utf8(records.Body.Replace("\"x\":", quoted + ":", StringComparison.Ordinal)));
            yield return Json(records, $"tag key {Short(quoted)}", Utf8(records.Body.Replace("\"region\":", quoted + ":", StringComparison.Ordinal)));
            yield return Json(records, $"field name {Short(quoted)}", Utf8(records.Body.Replace("\"actual\":", quoted + ":", StringComparison.Ordinal)));
            yield return Json(records, $"prediction label {Short(quoted)}", Utf8(Replace(records.Body, "prediction.label", quoted)));
        }

        foreach (var key in new[] { "predictionId", "timestamp", "version", "features", "prediction" })
        {
            var at = records.Body.IndexOf($"\"{key}\"", StringComparison.Ordinal);
            yield return Json(records, $"duplicate {key}", Utf8(records.Body[..at] + $"\"{key}\": null, " + records.Body[at..]));
        }

        yield return Json(records, "duplicate feature", Utf8(records.Body.Replace("\"x\": 1.5", "\"x\": 1.5, \"x\": 2", StringComparison.Ordinal)));
        yield return Json(records, "duplicate escaped key", Utf8(records.Body.Replace("\"x\": 1.5", "\"x\": 1.5, \"\\u0078\": 2", StringComparison.Ordinal)));
        yield return Json(records, "duplicate label", Utf8(records.Body.Replace("\"label\": \"1\"", "\"label\": \"1\", \"label\": \"0\"", StringComparison.Ordinal)));
        yield return Json(records, "1 MB field name", Utf8(records.Body.Replace("\"actual\":", $"\"{new string('f', 1 << 20)}\":", StringComparison.Ordinal)));
        yield return Json(records, "1 MB value", Utf8(records.Body.Replace("\"a\"", $"\"{new string('v', 1 << 20)}\"", StringComparison.Ordinal)));
        yield return Json(records, "long label", Utf8(Replace(records.Body, "prediction.label", $"\"{new string('l', 1000)}\"")));
        yield return Json(records, "too many records", Utf8($"[{string.Join(',', Enumerable.Repeat("{}", 10_001))}]"));
        yield return Json(records, "body over the limit", Utf8($"[{string.Join(',', Enumerable.Repeat(Record, 6_000))}]"));
        yield return Json(records, "lone surrogate escape", Utf8(records.Body.Replace("\"a\"", "\"\\ud800\"", StringComparison.Ordinal)));
        yield return Json(records, "escaped NUL", Utf8(records.Body.Replace("\"a\"", "\"\\u0000\"", StringComparison.Ordinal)));
        yield return Json(records, "raw control character", Utf8(records.Body.Replace("\"a\"", "\"a\u0001\"", StringComparison.Ordinal)));
        yield return Json(records, "comment", Utf8("/* c */" + records.Body));
        yield return Json(records, "trailing comma", Utf8(records.Body.Replace("]", ",]", StringComparison.Ordinal)));
        yield return Json(records, "NDJSON with a bad line", Utf8(Record + "\n{oops}\n" + Record));
        foreach (var depth in new[] { 63, 64, 65, 1_000, 100_000 })
        {
            yield return Json(records, $"nested {depth} in a feature", Utf8(records.Body.Replace("1.5", new string('[', depth) + new string(']', depth), StringComparison.Ordinal)));
            yield return Json(records, $"nested {depth} objects", Utf8(records.Body.Replace("1.5", string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth), StringComparison.Ordinal)));
        }

        yield return Json(records, "nested arrays as the body", Utf8(new string('[', 10_000) + new string(']', 10_000)));
    }

    private static IEnumerable<CorpusCase> BodyCases(Template[] templates)
    {
        var (model, baseline, slice, monitor) = (templates[2], templates[3], templates[4], templates[5]);
        foreach (var name in HostileNames)
        {
            var quoted = JsonSerializer.Serialize(name);
            yield return Json(model, $"feature name {Short(quoted)}", Utf8(model.Body.Replace("\"x\"", quoted, StringComparison.Ordinal)));
            yield return Json(model, $"class {Short(quoted)}", Utf8(model.Body.Replace("\"a\"", quoted, StringComparison.Ordinal)));
            yield return Json(baseline, $"edges key {Short(quoted)}", Utf8(baseline.Body.Replace("\"x\":", quoted + ":", StringComparison.Ordinal)));
            yield return Json(slice, $"condition {Short(quoted)}", Utf8(slice.Body.Replace("\"loc = a\"", JsonSerializer.Serialize(name + " = a"), StringComparison.Ordinal)));
            yield return Json(monitor, $"baseline {Short(quoted)}", Utf8(Replace(monitor.Body, "baseline", quoted)));
            yield return Json(monitor, $"target {Short(quoted)}", Utf8(Replace(monitor.Body, "target", quoted)));
        }

        foreach (var timestamp in BadTimestamps)
        {
            yield return Json(baseline, $"from {JsonSerializer.Serialize(timestamp)}", Utf8(Replace(baseline.Body, "from", JsonSerializer.Serialize(timestamp))));
        }

        foreach (var number in Numbers)
        {
            yield return Json(monitor, $"threshold {number}", Utf8(monitor.Body.Replace("0.2", number, StringComparison.Ordinal)));
            yield return Json(baseline, $"bins {number}", Utf8(baseline.Body.Replace("10", number, StringComparison.Ordinal)));
        }

        yield return Json(model, "duplicate task", Utf8(model.Body.Replace("{\"task\"", "{\"task\": \"regression\", \"task\"", StringComparison.Ordinal)));
        yield return Json(model, "duplicate features", Utf8(model.Body.Replace("\"tags\"", "\"features\": [], \"tags\"", StringComparison.Ordinal)));
        yield return Json(baseline, "duplicate edges key", Utf8(baseline.Body.Replace("\"x\": [1, 2]", "\"x\": [1, 2], \"x\": [3]", StringComparison.Ordinal)));
        yield return Json(monitor, "duplicate threshold", Utf8(monitor.Body.Replace("\"threshold\": 0.2", "\"threshold\": 0.2, \"threshold\": 0.9", StringComparison.Ordinal)));
        yield return Json(model, "100,000 classes", Utf8(model.Body.Replace("[\"a\", \"b\"]", "[" + string.Join(',', Enumerable.Range(0, 100_000).Select(i => $"\"c{i}\"")) + "]", StringComparison.Ordinal)));
        yield return Json(model, "a 1,000-character class", Utf8(model.Body.Replace("\"a\"", $"\"{new string('c', 1000)}\"", StringComparison.Ordinal)));
        yield return Json(model, "2,000 features", Utf8(model.Body.Replace("[{\"name\": \"x\", \"type\": \"numeric\"}]", "[" + string.Join(',', Enumerable.Range(0, 2_000).Select(i => $"{{\"name\": \"f{i}\", \"type\": \"numeric\"}}")) + "]", StringComparison.Ordinal)));
        yield return Json(model, "1 MB field name", Utf8(model.Body.Replace("\"bucket\"", $"\"{new string('b', 1 << 20)}\"", StringComparison.Ordinal)));
        yield return Json(model, "huge header", Utf8(model.Body), headers: [new("X-Big", new string('h', 40_000))]);
        yield return Json(model, "many headers", Utf8(model.Body), headers: [.. Enumerable.Range(0, 300).Select(i => new KeyValuePair<string, string>($"X-H{i}", new string('h', 200)))]);
    }

    private static CorpusCase Json(Template template, string what, byte[] body, string? contentType = "application/json", KeyValuePair<string, string>[]? headers = null) =>
        new($"{template.Name}: {what}", Framing: false, target => target.HttpAsync(template.Method, template.Path, body, contentType, headers));

    /// <summary>The body with the value at <paramref name="path"/> (dotted; for records, inside the first item) replaced by raw JSON.</summary>
    private static string Replace(string body, string path, string rawJson)
    {
        var root = JsonNode.Parse(body)!;
        var holder = root is JsonArray array ? array[0]!.AsObject() : root.AsObject();
        var names = path.Split('.');
        foreach (var name in names[..^1])
        {
            holder = holder[name]!.AsObject();
        }

        // The replacement may be text that is not JSON at all, so it is spliced into the written text.
        holder[names[^1]] = "@@replace@@";
        return root.ToJsonString().Replace("\"@@replace@@\"", rawJson, StringComparison.Ordinal);
    }

    private static string Short(string text) => text.Length <= 24 ? text : string.Create(CultureInfo.InvariantCulture, $"{text[..20]}…({text.Length})");
}
