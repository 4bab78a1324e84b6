using System.Text;

namespace OrleansEval.Server.Tests.Golden;

/// <summary>
/// Every answer of <see cref="WeatherGoldenQuestions"/> on the weather replay is byte for byte its committed golden,
/// <c>Golden/answers/&lt;name&gt;.json</c>, so a change that is meant to keep the answers (a refactoring) is seen to keep
/// them, and one that changes an answer shows which and where. To write the goldens anew from what the code answers
/// now, run these tests with <c>ORLEANSEVAL_WRITE_GOLDEN=1</c> (see <see cref="GoldenFiles.WriteVariable"/>) and
/// commit the files that changed with the change that meant to change them.
/// </summary>
public sealed class WeatherAnswerGoldenTests(WeatherGoldenServer server) : IClassFixture<WeatherGoldenServer>
{
    public static TheoryData<string> Questions => [.. WeatherGoldenQuestions.All.Select(q => q.Name)];

    [Theory]
    [MemberData(nameof(Questions))]
    public void Answer_OnTheWeatherReplay_IsByteIdenticalToItsGolden(string name)
    {
        var answer = server.Answers[name];
        if (GoldenFiles.Writing)
        {
            GoldenFiles.Write(name, answer);
            return;
        }

        var mismatch = GoldenFiles.Mismatch(name, answer);
        Assert.True(mismatch is null, mismatch);
    }

    [Fact]
    public async Task Answers_OfEveryGoldenHttpRead_ConformToTheSchemasTheOpenApiDocumentGivesThem()
    {
        using var document = System.Text.Json.JsonDocument.Parse(await server.GetAsync("/openapi/v1.json"));
        var checkedAnswers = server.Answers.Keys.Count(name => Observability.AnswerSchemas.Of(name) is not null);

        var problems = Observability.AnswerSchemas.Problems(document.RootElement, server.Answers);

        Assert.True(checkedAnswers >= 35, $"only {checkedAnswers} answers were checked");
        Assert.True(problems.Count == 0, $"{problems.Count} problems, the first: {string.Join('\n', problems.Take(10))}");
    }

    [Fact]
    public async Task Answers_OfEveryOtherRequest_ConformToTheSchemasTheOpenApiDocumentGivesThem()
    {
        using var document = System.Text.Json.JsonDocument.Parse(await server.GetAsync("/openapi/v1.json"));
        var answers = WeatherSchemaQuestions.All.Where(q => server.SchemaAnswers.ContainsKey(q.Name)).Select(q => (q.Name, q.Answer, server.SchemaAnswers[q.Name]));

        var problems = Observability.AnswerSchemas.Problems(document.RootElement, answers);

        Assert.Equal(6, Encoding.UTF8.GetString(server.SchemaAnswers["examples"]).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.True(server.SchemaFailures.IsEmpty, string.Join('\n', server.SchemaFailures.Select(f => $"{f.Key}: {f.Value}")));
        Assert.True(problems.Count == 0, $"{problems.Count} problems, the first: {string.Join('\n', problems.Take(10))}");
    }

    [Fact]
    public void Goldens_NextToTheTests_AreExactlyTheQuestionsAsked()
    {
        if (GoldenFiles.Writing)
        {
            // The copies next to the tests are those of the last build; the new files reach them with the next one.
            return;
        }

        var asked = WeatherGoldenQuestions.All.Select(q => q.Name).Order(StringComparer.Ordinal);

        Assert.Equal(asked, GoldenFiles.Names().Order(StringComparer.Ordinal));
    }
}
