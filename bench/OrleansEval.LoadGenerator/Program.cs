using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using OrleansEval.LoadGenerator;
using Proto = OrleansEval.Gateway.Grpc.V1;

Options options;
try
{
    options = Options.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(Options.Usage);
    return 2;
}

using var handler = new SocketsHttpHandler
{
    MaxConnectionsPerServer = Math.Max(options.Concurrency, 1),
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    EnableMultipleHttp2Connections = true,
};
using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = options.Url, Timeout = TimeSpan.FromMinutes(2) };
if (options.Key is not null)
{
    http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", options.Key);
}

var context = new LoadContext(http, options);

switch (options.Mode)
{
    case Options.FootprintMode:
        return await new FootprintRun(options, context).RunAsync();
    case Options.ReportMode:
        return await new ReportRun(options, context).RunAsync();
    case Options.RootCauseMode:
        return await new RootCauseRun(options, context).RunAsync();
    case Options.LateMode:
        return await new LateActualsRun(options, context).RunAsync();
    case Options.ReplayMode:
        return await new ReplayRun(options, context).RunAsync();
    case Options.DetectMode:
        return await new DetectRun(options, context).RunAsync();
    default:
        using (var grpcHandler = new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan, EnableMultipleHttp2Connections = true })
        using (var channel = GrpcChannel.ForAddress(options.Grpc, new GrpcChannelOptions { HttpHandler = grpcHandler, DisposeHttpClient = false }))
        {
            var calls = options.Key is null ? channel.CreateCallInvoker() : channel.Intercept(metadata =>
            {
                metadata.Add("authorization", $"Bearer {options.Key}");
                return metadata;
            });
            return await new IngestRun(options, context, new Proto.OrleansEval.OrleansEvalClient(calls)).RunAsync();
        }
}
