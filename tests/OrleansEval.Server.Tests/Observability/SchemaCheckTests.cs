using System.Text.Json;

namespace OrleansEval.Server.Tests.Observability;

public sealed class SchemaCheckTests
{
    private const string Document = """
        {"components": {"schemas": {
          "Answer": {"type": "object", "required": ["name", "count"], "properties": {
            "name": {"type": "string"},
            "count": {"type": "integer"},
            "rate": {"type": ["null", "number"]},
            "window": {"$ref": "#/components/schemas/Window"},
            "test": {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/Window"}]},
            "metrics": {"type": "object", "additionalProperties": {"type": ["null", "number"]}},
            "bins": {"type": "array", "items": {"$ref": "#/components/schemas/Window"}}}},
          "Window": {"type": "object", "required": ["from"], "properties": {"from": {"type": "string"}}}}}}
        """;

    private static IReadOnlyList<string> Problems(string answer)
    {
        using var document = JsonDocument.Parse(Document);
        using var value = JsonDocument.Parse(answer);
        var check = new SchemaCheck(document.RootElement);
        return check.Problems(check.Resolve("#/components/schemas/Answer"), value.RootElement);
    }

    [Fact]
    public void Problems_OfAConformingAnswer_AreNone() =>
        Assert.Empty(Problems("""{"name": "a", "count": 3, "rate": null, "window": {"from": "x"}, "metrics": {"f1": 0.5, "auc": null}, "bins": [{"from": "y"}]}"""));

    [Fact]
    public void Problems_OfANullableReference_AreThoseOfTheReferencedSchema()
    {
        Assert.Empty(Problems("""{"name": "a", "count": 1, "test": null}"""));
        Assert.Empty(Problems("""{"name": "a", "count": 1, "test": {"from": "x"}}"""));
        Assert.Equal(["$.test: 0 of the oneOf choices match"], Problems("""{"name": "a", "count": 1, "test": {"to": "x"}}"""));
    }

    [Fact]
    public void Problems_OfAPropertyTheSchemaDoesNotName_NameIt() =>
        Assert.Equal(["$.extra: is not documented"], Problems("""{"name": "a", "count": 3, "extra": 1}"""));

    [Fact]
    public void Problems_OfAMissingRequiredProperty_NameIt() =>
        Assert.Equal(["$.count: is required but missing"], Problems("""{"name": "a"}"""));

    [Fact]
    public void Problems_OfAWrongTypeDeepInside_NameItsPath()
    {
        Assert.Equal(["$.bins[1].from: Number is not of type string"], Problems("""{"name": "a", "count": 1, "bins": [{"from": "x"}, {"from": 2}]}"""));
        Assert.Equal(["$.count: Number is not of type integer"], Problems("""{"name": "a", "count": 1.5}"""));
        Assert.Equal(["$.metrics.f1: String is not of type [\"null\", \"number\"]"], Problems("""{"name": "a", "count": 1, "metrics": {"f1": "high"}}"""));
    }
}
