using System.Collections.Immutable;
using System.Text;
using Google.Protobuf;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using OrleansEval.Server.Demo;
using OrleansEval.Server.Tests.Grpc;
using OrleansEval.Server.Tests.Hosting;
using GrpcClient = OrleansEval.Gateway.Grpc.V1.OrleansEval.OrleansEvalClient;

namespace OrleansEval.Server.Tests.Golden;

/// <summary>
/// A server of its own with the weather scenario replayed once, and every answer of <see cref="WeatherGoldenQuestions"/>
/// asked in order. Nothing in it follows the wall clock: the store's clock stands at <see cref="ReplayedAt"/> during the
/// replay (no day is old enough to roll up) and at <see cref="AskedAt"/> for the questions, after every grain was
/// deactivated, so each rolls its due days up on activation, before it answers; the monitors' reminder is a day apart,
/// so only the explicit evaluation raises alerts; the model id is fixed.
/// </summary>
public sealed class WeatherGoldenServer : IAsyncLifetime
{
    public const string ModelId = "golden-weather";

    /// <summary>Store time during the replay: before every record, so nothing rolls up while the data arrives.</summary>
    public static readonly DateTimeOffset ReplayedAt = new(2011, 12, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Store time of every question: 2012 and 2013 are rolled up, 2014 and 2015 are still in hourly buckets.</summary>
    public static readonly DateTimeOffset AskedAt = new(2014, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan SetupDeadline = TimeSpan.FromSeconds(120);

    private readonly ServerFactory _factory = new(settings: new Dictionary<string, string>
    {
        ["OrleansEval:MonitorInterval"] = "1.00:00:00",
    });

    private GrpcChannel? _channel;

    public HttpClient Http { get; private set; } = null!;

    internal GrpcClient Grpc { get; private set; } = null!;

    /// <summary>Each question's answer, by name.</summary>
    public ImmutableDictionary<string, byte[]> Answers { get; private set; } = ImmutableDictionary<string, byte[]>.Empty;

    /// <summary>The answer of each of <see cref="WeatherSchemaQuestions"/>, asked after the goldens, by name.</summary>
    public ImmutableDictionary<string, byte[]> SchemaAnswers { get; private set; } = ImmutableDictionary<string, byte[]>.Empty;

    /// <summary>Why each of <see cref="WeatherSchemaQuestions"/> that was not answered with success failed, by name; the goldens do not depend on them.</summary>
    public ImmutableDictionary<string, string> SchemaFailures { get; private set; } = ImmutableDictionary<string, string>.Empty;

    public async Task InitializeAsync()
    {
        _factory.Clock.Set(ReplayedAt);
        Http = _factory.CreateClient();
        _channel = ProtoRecords.Channel(_factory);
        Grpc = new GrpcClient(_channel);
        using var deadline = new CancellationTokenSource(SetupDeadline);
        await ReplayAsync(deadline.Token);
        await WeatherGoldenSetup.FreezeBaselinesAsync(this, deadline.Token);

        _factory.Clock.Set(AskedAt);
        await _factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await WeatherGoldenSetup.DefineMonitorsAsync(this, deadline.Token);

        var answers = ImmutableDictionary.CreateBuilder<string, byte[]>();
        foreach (var question in WeatherGoldenQuestions.All)
        {
            answers.Add(question.Name, await question.AskAsync(this).WaitAsync(deadline.Token));
        }

        Answers = answers.ToImmutable();
        await AskSchemaQuestionsAsync(deadline.Token);
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        Http.Dispose();
        await _factory.DisposeAsync();
    }

    /// <summary>The body of a successful GET, as sent.</summary>
    public Task<byte[]> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null, CancellationToken.None);

    /// <summary>The body of a successful request with a JSON <paramref name="body"/>, as sent.</summary>
    public async Task<byte[]> SendAsync(HttpMethod method, string path, string? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await Http.SendAsync(request, cancellationToken);
        var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? answer
            : throw new HttpRequestException($"{(int)response.StatusCode} from {method} {path}: {Encoding.UTF8.GetString(answer)}");
    }

    private async Task AskSchemaQuestionsAsync(CancellationToken cancellationToken)
    {
        var answers = ImmutableDictionary.CreateBuilder<string, byte[]>();
        var failures = ImmutableDictionary.CreateBuilder<string, string>();
        foreach (var question in WeatherSchemaQuestions.All)
        {
            try
            {
                answers.Add(question.Name, await question.AskAsync(this).WaitAsync(cancellationToken));
            }
            catch (HttpRequestException refused)
            {
                failures.Add(question.Name, refused.Message);
            }
        }

        SchemaAnswers = answers.ToImmutable();
        SchemaFailures = failures.ToImmutable();
    }

    /// <summary>A gRPC reply in protobuf's canonical JSON.</summary>
    public static byte[] Json(IMessage reply) => Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(reply));

    /// <summary>
    /// The demo's replay step by step, with a named slice defined between the training baseline and production (a named
    /// slice counts the records that arrive after it).
    /// </summary>
    private async Task ReplayAsync(CancellationToken cancellationToken)
    {
        var scenario = new WeatherScenario(Http, Path.Combine(AppContext.BaseDirectory, "Scenario"));
        await scenario.RegisterAsync(ModelId, cancellationToken);
        await scenario.SendAsync(ModelId, WeatherScenario.ReferenceFile, "training", keyed: true, cancellationToken: cancellationToken);
        await scenario.FreezeBaselineAsync(ModelId, cancellationToken: cancellationToken);
        await WeatherGoldenSetup.DefineSliceAsync(this, cancellationToken);
        await scenario.SendAsync(ModelId, WeatherScenario.ProductionFile, "production", keyed: true, cancellationToken: cancellationToken);
        await scenario.MarkCompleteAsync(ModelId, cancellationToken);
    }
}
