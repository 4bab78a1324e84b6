using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using OrleansEval.Testing;

namespace OrleansEval.Server.Tests.Faults;

/// <summary>
/// The built server (<c>dotnet OrleansEval.Server.dll</c>) as a child process, configured on the command line: HTTP on
/// a free 127.0.0.1 port, no gRPC endpoint, its own silo and gateway ports and cluster id, the given storage. Its
/// standard output and error go to a log file whose tail a failing test prints. Disposing it kills it.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();

    private ServerProcess(Process process, StreamWriter log, Uri baseAddress)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the server; <paramref name="logPath"/> is appended to, so restarts share one log.</summary>
    public static ServerProcess Start(ServerSettings settings, string logPath)
    {
        var dll = ServerDll();
        var startInfo = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,

            // The content root, where appsettings.json is, is the working directory of a server started this way.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        startInfo.ArgumentList.Add(dll);
        foreach (var argument in settings.Arguments())
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Production";
        startInfo.Environment["Auth__Keys__tests__Secret"] = settings.ApiKey;
        startInfo.Environment["Auth__Keys__tests__Scopes"] = "admin";
        var log = new StreamWriter(new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        var process = new Process { StartInfo = startInfo };
        var server = new ServerProcess(process, log, new Uri($"http://127.0.0.1:{settings.HttpPort}"));
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server.Append($"---- starting {dll} {string.Join(' ', settings.Arguments())}");
        process.Start();
        AppDomain.CurrentDomain.ProcessExit += server.OnTestHostExit;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Waits until /healthz answers 200; fails, naming the last answer, when the deadline passes or the server exits.</summary>
    public Task WaitHealthyAsync(HttpClient client, TimeSpan timeout) =>
        Eventually.UntilAsync(() => HealthAsync(client), problem => problem is null, problem => $"the server was not healthy; last answer: {problem}", timeout);

    // Null once /healthz answers 200; else what it answered (or why it did not).
    private async Task<string?> HealthAsync(HttpClient client)
    {
        if (_process.HasExited)
        {
            // What it wrote last (why it stopped) is in the log once its output is read to the end.
            await WaitForExitAsync();
            throw new InvalidOperationException($"The server exited with code {_process.ExitCode} before it was healthy.");
        }

        try
        {
            using var response = await client.GetAsync(new Uri(BaseAddress, "/healthz"));
            return response.StatusCode == HttpStatusCode.OK ? null : $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return e.Message;
        }
    }

    /// <summary>kill -9: the server gets no chance to write anything more.</summary>
    public async Task KillAsync()
    {
        Append("---- kill -9");
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await WaitForExitAsync();
    }

    /// <summary>A graceful stop (SIGTERM): grains deactivate and write what they hold.</summary>
    public async Task StopAsync()
    {
        Append("---- SIGTERM");
        if (_process.HasExited)
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            _process.Kill(entireProcessTree: true);
        }
        else
        {
            _ = SendSignal(_process.Id, SigTerm);
        }

        await WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnTestHostExit;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await WaitForExitAsync();
            }
        }
        finally
        {
            _process.Dispose();
            lock (_logLock)
            {
                _log.Dispose();
            }
        }
    }

    // The last resort when the test host exits without disposing the server: no server outlives the tests.
    private void OnTestHostExit(object? sender, EventArgs e)
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It has exited already.
        }
    }

    private async Task WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(ExitTimeout);
        await _process.WaitForExitAsync(timeout.Token);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logLock)
        {
            if (_log.BaseStream.CanWrite)
            {
                _log.WriteLine(line);
            }
        }
    }

    /// <summary>The server built beside this test project: src/OrleansEval.Server/bin/{configuration}/{framework}.</summary>
    private static string ServerDll()
    {
        var output = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        for (var directory = output; directory is not null; directory = directory.Parent)
        {
            var project = Path.Combine(directory.FullName, "src", "OrleansEval.Server");
            if (File.Exists(Path.Combine(project, "OrleansEval.Server.csproj")))
            {
                var dll = Path.Combine(project, "bin", configuration, framework, "OrleansEval.Server.dll");
                return File.Exists(dll)
                    ? dll
                    : throw new FileNotFoundException($"The server is not built at '{dll}': build the test project, which builds it.");
            }
        }

        throw new DirectoryNotFoundException($"No src/OrleansEval.Server above '{output.FullName}'.");
    }

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int SendSignal(int processId, int signal);
}
