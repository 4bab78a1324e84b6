using OrleansEval.Server.Hosting;
using OrleansEval.Server.Storage;

var builder = WebApplication.CreateBuilder(args);
var role = ServerRoles.From(builder.Configuration);

using var startupLogs = LoggerFactory.Create(logging => logging.AddConsole());
await using var storage = await DevelopmentStorage.StartAsync(
    builder.Configuration, builder.Environment, role, startupLogs.CreateLogger("OrleansEval.Storage"));

builder.AddOrleansEvalRole(role, storage.ConnectionString);

var app = builder.Build();
app.MapOrleansEvalRole(role);
await app.RunAsync();

/// <summary>The server's entry point; public so integration tests can host it.</summary>
public partial class Program;
