using System.Text.Json;

namespace OrleansEval.Server.Tests.Observability;

/// <summary>
/// Checks a JSON value against a schema of an OpenAPI 3.1 document, for the part of JSON Schema such documents use:
/// <c>$ref</c> into the document's components, <c>type</c> (one or a list), <c>enum</c>, <c>properties</c>,
/// <c>required</c>, <c>additionalProperties</c>, <c>items</c>, <c>allOf</c>, <c>anyOf</c>, <c>oneOf</c>. Stricter than
/// JSON Schema in one way, on purpose: an object's property that its schema (one that has <c>properties</c> or
/// <c>additionalProperties</c>) neither names nor allows through <c>additionalProperties</c> is a problem, so the document must name every field an answer carries.
/// </summary>
public sealed class SchemaCheck(JsonElement document)
{
    private const string ComponentPrefix = "#/components/schemas/";

    /// <summary>Every way <paramref name="value"/> breaks <paramref name="schema"/>, each with the JSON path at fault; empty when it conforms.</summary>
    public IReadOnlyList<string> Problems(JsonElement schema, JsonElement value)
    {
        var problems = new List<string>();
        Check(schema, value, "$", problems);
        return problems;
    }

    /// <summary>The schema a <c>$ref</c> names.</summary>
    public JsonElement Resolve(string reference) =>
        reference.StartsWith(ComponentPrefix, StringComparison.Ordinal)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference[ComponentPrefix.Length..])
            : throw new NotSupportedException($"reference {reference} is not to a component schema");

    private void Check(JsonElement schema, JsonElement value, string path, List<string> problems)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            Check(Resolve(reference.GetString()!), value, path, problems);
            return;
        }

        if (schema.TryGetProperty("type", out var type) && !Types(type).Any(t => Is(value, t)))
        {
            problems.Add($"{path}: {value.ValueKind} is not of type {type}");
            return;
        }

        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => JsonElement.DeepEquals(a, value)))
        {
            problems.Add($"{path}: {value} is not one of {allowed}");
        }

        CheckCombinations(schema, value, path, problems);
        if (value.ValueKind == JsonValueKind.Object)
        {
            CheckObject(schema, value, path, problems);
        }
        else if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(items, item, $"{path}[{index++}]", problems);
            }
        }
    }

    private void CheckCombinations(JsonElement schema, JsonElement value, string path, List<string> problems)
    {
        if (schema.TryGetProperty("allOf", out var all))
        {
            foreach (var part in all.EnumerateArray())
            {
                Check(part, value, path, problems);
            }
        }

        foreach (var (keyword, wanted) in new[] { ("anyOf", (Func<int, bool>)(n => n >= 1)), ("oneOf", n => n == 1) })
        {
            if (schema.TryGetProperty(keyword, out var choices))
            {
                var passing = choices.EnumerateArray().Count(choice => Problems(choice, value).Count == 0);
                if (!wanted(passing))
                {
                    problems.Add($"{path}: {passing} of the {keyword} choices match");
                }
            }
        }
    }

    private void CheckObject(JsonElement schema, JsonElement value, string path, List<string> problems)
    {
        var hasProperties = schema.TryGetProperty("properties", out var properties);
        var hasAdditional = schema.TryGetProperty("additionalProperties", out var additional);
        if (!hasProperties && !hasAdditional)
        {
            // A schema that only combines others (a nullable reference is oneOf null and the reference) leaves the
            // object's members to them.
            return;
        }

        foreach (var property in value.EnumerateObject())
        {
            var at = $"{path}.{property.Name}";
            if (hasProperties && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Check(propertySchema, property.Value, at, problems);
            }
            else if (hasAdditional && additional.ValueKind == JsonValueKind.Object)
            {
                Check(additional, property.Value, at, problems);
            }
            else if (!(hasAdditional && additional.ValueKind == JsonValueKind.True))
            {
                problems.Add($"{at}: is not documented");
            }
        }

        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!value.TryGetProperty(name, out _))
                {
                    problems.Add($"{path}.{name}: is required but missing");
                }
            }
        }
    }

    private static IEnumerable<string> Types(JsonElement type) =>
        type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!) : [type.GetString()!];

    private static bool Is(JsonElement value, string type) => type switch
    {
        "null" => value.ValueKind == JsonValueKind.Null,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number) && decimal.Truncate(number) == number,
        "number" => value.ValueKind == JsonValueKind.Number,
        "string" => value.ValueKind == JsonValueKind.String,
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        _ => throw new NotSupportedException($"type {type}"),
    };
}
