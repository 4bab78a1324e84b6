using OrleansEval.Gateway.Hosting;
using OrleansEval.Server.Demo;
using OrleansEval.Server.Hosting;
using OrleansEval.Server.Storage;

var builder = WebApplication.CreateBuilder(args);

using var startupLogs = LoggerFactory.Create(logging => logging.AddConsole());
await using var storage = await DevelopmentStorage.StartAsync(
    builder.Configuration, builder.Environment, startupLogs.CreateLogger("OrleansEval.Storage"));

builder.UseOrleans(silo => silo.UseOrleansEvalServer(builder.Configuration, storage.ConnectionString));
builder.Services.AddOrleansEvalGateway();
builder.AddGrpcEndpoint();
builder.AddKestrelLimits();
builder.Services.AddDemoReplay(builder.Configuration);

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapOrleansEvalGateway();
await app.RunAsync();

/// <summary>The server's entry point; public so integration tests can host it.</summary>
public partial class Program;
