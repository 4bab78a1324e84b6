using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OrleansEval.Server.Tests.WorstSlices;
using static OrleansEval.Server.Tests.Http.ApiAssertions;
using static OrleansEval.Server.Tests.Validation.ValidationScenario;

namespace OrleansEval.Server.Tests.Validation;

/// <summary>
/// A candidate validated against a reference on the same prediction ids and against production's inputs: the verdict
/// fails with the rule and the slice that decided it, passes a candidate better everywhere, names a category the
/// reference never had, fails inputs shifted from production, raises an alert, and refuses bad requests by field.
/// </summary>
public sealed class ValidationEndToEndTests(WorstSliceServer server) : IClassFixture<WorstSliceServer>
{
    [Fact]
    public async Task Validate_ACandidateWorseOnOnePlantedSlice_FailsThatRuleNamingTheSlice_AndRaisesAnAlert()
    {
        var id = NewModelId("validate-worse");
        var scenario = await StartAsync(id);
        await scenario.SendAsync("v1", "validation", Region, X, ReferenceRight);
        // Right on 9 rows in 10, but on 5 in 10 in the weak region.
        await scenario.SendAsync("v2", "validation", Region, X, i => i / 5 % 10 < (Region(i) == Weak ? 5 : 9));

        var report = await scenario.ValidateAsync();

        Assert.Equal("fail", report["verdict"]!.GetValue<string>());
        var slice = Rule(report, "worseOnSlice");
        Assert.True(slice["failed"]!.GetValue<bool>());
        Assert.Contains($"region = {Weak}", slice["finding"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(Rule(report, "worseOverall")["failed"]!.GetValue<bool>());
        Assert.False(Rule(report, "driftedFeatures")["failed"]!.GetValue<bool>());
        var changed = report["changedSlices"]!.AsArray();
        Assert.Equal("worse", changed.Single(c => c!["slice"]!.GetValue<string>() == $"region = {Weak}")!["direction"]!.GetValue<string>());
        Assert.Equal("better", changed.Single(c => c!["slice"]!.GetValue<string>() == "all")!["direction"]!.GetValue<string>());
        Assert.Equal(Count, report["comparison"]!["paired"]!.GetValue<long>());
        Assert.Equal(["v1@validation", "v2@validation"], report["comparison"]!["versions"]!.AsArray().Select(v => v!.GetValue<string>()));

        var alerts = (await server.Client.GetFromJsonAsync<JsonObject>($"/v1/alerts?model={id}"))!["alerts"]!.AsArray();
        var alert = Assert.Single(alerts)!;
        Assert.Equal("validation", alert["kind"]!.GetValue<string>());
        Assert.Equal("v2@validation", alert["target"]!.GetValue<string>());
        Assert.Contains("worseOnSlice", alert["measure"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ACandidateBetterEverywhere_Passes_IsListedNewestFirst_AndRaisesNoAlert()
    {
        var id = NewModelId("validate-better");
        var scenario = await StartAsync(id);
        await scenario.SendAsync("v1", "validation", Region, X, ReferenceRight);
        await scenario.SendAsync("v2", "validation", Region, X, i => i / 5 % 10 < 9);

        var first = await scenario.ValidateAsync();
        var second = await scenario.ValidateAsync();

        Assert.Equal("pass", first["verdict"]!.GetValue<string>());
        Assert.All(first["rules"]!.AsArray(), r => Assert.False(r!["failed"]!.GetValue<bool>()));
        Assert.Empty(first["newSlices"]!.AsArray());
        Assert.Empty(first["driftedFeatures"]!.AsArray());
        Assert.DoesNotContain(first["changedSlices"]!.AsArray(), c => c!["direction"]!.GetValue<string>() == "worse");
        var listed = (await server.Client.GetFromJsonAsync<JsonObject>($"/v1/models/{id}/validations"))!["validations"]!.AsArray();
        Assert.Equal([second["id"]!.GetValue<string>(), first["id"]!.GetValue<string>()], listed.Select(v => v!["id"]!.GetValue<string>()));
        var read = await server.Client.GetStringAsync($"/v1/models/{id}/validations/{first["id"]!.GetValue<string>()}");
        Assert.Equal(first.ToJsonString(), JsonNode.Parse(read)!.ToJsonString());
        Assert.Empty((await server.Client.GetFromJsonAsync<JsonObject>($"/v1/alerts?model={id}"))!["alerts"]!.AsArray());
    }

    [Fact]
    public async Task Validate_ACategoryTheReferenceNeverHad_IsANewSlice()
    {
        var id = NewModelId("validate-new");
        var scenario = await StartAsync(id);
        await scenario.SendAsync("v1", "validation", Region, X, ReferenceRight);
        // One row in 20 of the candidate's rows comes from a region the reference never saw: 250 rows.
        await scenario.SendAsync("v2", "validation", i => i % 20 == 1 ? "r9" : Region(i), X, ReferenceRight);

        var report = await scenario.ValidateAsync();

        var slice = Assert.Single(report["newSlices"]!.AsArray())!;
        Assert.Equal("region = r9", slice["slice"]!.GetValue<string>());
        Assert.Equal(Count / 20, slice["n"]!.GetValue<long>());
    }

    [Fact]
    public async Task Validate_InputsShiftedFromProduction_FailsTheDriftRuleNamingTheFeature()
    {
        var id = NewModelId("validate-drift");
        var scenario = await StartAsync(id);
        await scenario.SendAsync("v1", "validation", Region, X, ReferenceRight);
        await scenario.SendAsync("v2", "validation", Region, i => X(i) + 60, ReferenceRight);

        var report = await scenario.ValidateAsync();

        Assert.Equal("fail", report["verdict"]!.GetValue<string>());
        Assert.True(Rule(report, "driftedFeatures")["failed"]!.GetValue<bool>());
        Assert.False(Rule(report, "worseOnSlice")["failed"]!.GetValue<bool>());
        Assert.Equal(["x"], report["driftedFeatures"]!.AsArray().Select(f => f!.GetValue<string>()));
        var x = report["skew"]!["features"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "x")!;
        Assert.True(x["drifted"]!.GetValue<bool>());
        Assert.Equal("prod-march", report["skew"]!["baseline"]!.GetValue<string>());
    }

    [Fact]
    public async Task Validate_RefusesBadRequestsNamingTheField_AndAnUnknownIdIsNotFound()
    {
        var id = NewModelId("validate-bad");
        var scenario = await StartAsync(id);
        await scenario.SendAsync("v1", "validation", Region, X, ReferenceRight);
        await scenario.SendAsync("v2", "validation", Region, X, ReferenceRight);
        const string Candidate = """ "candidate": {"version": "v2", "environment": "validation"} """;
        const string Reference = """ "reference": {"version": "v1", "environment": "validation"} """;
        const string Production = """ "production": {"baseline": "prod-march"} """;

        await AssertRefusedAsync(id, $$"""{{{Reference}}, {{Production}}, {{Window}}}""", "candidate");
        await AssertRefusedAsync(id, $$"""{"candidate": {"version": "v9", "environment": "validation"}, {{Reference}}, {{Production}}, {{Window}}}""", "candidate");
        await AssertRefusedAsync(id, $$"""{{{Candidate}}, "reference": {"version": "v1", "environment": "shadow"}, {{Production}}, {{Window}}}""", "reference");
        await AssertRefusedAsync(id, $$"""{{{Candidate}}, "reference": {"version": "v2", "environment": "validation"}, {{Production}}, {{Window}}}""", "reference");
        await AssertRefusedAsync(id, $$"""{{{Candidate}}, {{Reference}}, "production": {"baseline": "prod-april"}, {{Window}}}""", "production.baseline");
        await AssertRefusedAsync(id, $$"""{{{Candidate}}, {{Reference}}, {{Production}}, {{Window}}, "metric": "f7"}""", "metric");
        await AssertRefusedAsync(id, $$"""{{{Candidate}}, {{Reference}}, {{Production}}, {{Window}}, "metric": "mae"}""", "metric");
        using var unknown = await server.Client.GetAsync($"/v1/models/{id}/validations/{Guid.NewGuid():N}");
        await AssertProblemAsync(unknown, HttpStatusCode.NotFound, "validationId");
        Assert.Empty((await server.Client.GetFromJsonAsync<JsonObject>($"/v1/models/{id}/validations"))!["validations"]!.AsArray());
    }

    private async Task<ValidationScenario> StartAsync(string id)
    {
        var scenario = new ValidationScenario(server.Client, id);
        await scenario.StartAsync();
        return scenario;
    }

    private async Task AssertRefusedAsync(string id, string body, string field)
    {
        using var response = await server.Client.PostAsync($"/v1/models/{id}/validations", Json(body));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }
}
