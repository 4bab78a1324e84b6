using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace OrleansEval.Server.Storage;

/// <summary>Starting and stopping the Azurite node process.</summary>
internal sealed partial class AzuriteLauncher
{
    private const int SigTerm = 15;
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Loaded into node before Azurite: when our end of its standard input closes (we stopped it, or our process is
    /// gone however it ended) it sends itself SIGTERM, so no emulator outlives the process that started it. On SIGTERM
    /// it exits at once if Azurite has not yet set up its own handler (it is still starting); otherwise it lets go of
    /// standard input, which would keep node running after Azurite has closed its servers, and exits within 4 s.
    /// </summary>
    private const string ParentWatch =
        "data:text/javascript,"
        + "process.stdin.on('end',()=>process.kill(process.pid,'SIGTERM'));"
        + "process.stdin.on('error',()=>{});"
        + "process.stdin.resume();"
        + "for(const s of ['SIGTERM','SIGINT'])process.once(s,()=>{"
        + "if(process.listenerCount(s)===0)process.exit(0);"
        + "process.stdin.destroy();"
        + "setTimeout(()=>process.exit(0),4000).unref();});";

    private readonly AzuriteOutput _output = new();

    private Process StartProcess(AzuriteStartOptions options)
    {
        var entryScript = FindEntryScript()
            ?? throw new InvalidOperationException(
                $"Azurite is not installed in '{PackageDirectory}': call EnsureInstalledAsync, or run 'npm ci' there.");

        var startInfo = new ProcessStartInfo(NodeExecutable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = options.DataDirectory ?? PackageDirectory,
        };
        foreach (var argument in new[] { "--import", ParentWatch, entryScript, "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (service, port) in new[] { ("blob", options.BlobPort), ("queue", options.QueuePort), ("table", options.TablePort) })
        {
            startInfo.ArgumentList.Add($"--{service}Host");
            startInfo.ArgumentList.Add(Host);
            startInfo.ArgumentList.Add($"--{service}Port");
            startInfo.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        }

        if (options.DataDirectory is null)
        {
            startInfo.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(options.DataDirectory);
            startInfo.ArgumentList.Add("--location");
            startInfo.ArgumentList.Add(Path.GetFullPath(options.DataDirectory));
        }

        _logger.Starting(options.DataDirectory is null ? "in memory" : $"data in {options.DataDirectory}", entryScript);
        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                _output.AddOutput(line);
                _logger.Output(line);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                _output.AddError(line);
                _logger.ErrorOutput(line);
            }
        };

        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            process.Dispose();
            throw NodeMissing(exception);
        }

        _process = process;
        _startedByUs = true;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task StopAsync()
    {
        var process = Interlocked.Exchange(ref _process, null);
        if (process is null)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        using (process)
        {
            var processId = process.Id;
            if (!process.HasExited)
            {
                _logger.Stopping(processId);
                Terminate(process);
                using var timeout = new CancellationTokenSource(StopTimeout, _timeProvider);
                try
                {
                    await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    _logger.StopTimedOut(processId, StopTimeout.TotalSeconds);
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }

            _logger.Stopped(processId, process.ExitCode);
        }
    }

    /// <summary>The last resort when the host exits without disposing the launcher.</summary>
    private void OnProcessExit(object? sender, EventArgs e)
    {
        var process = Interlocked.Exchange(ref _process, null);
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                Terminate(process);
                if (!process.WaitForExit(StopTimeout))
                {
                    process.Kill(entireProcessTree: true);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // It has exited meanwhile.
        }
    }

    /// <summary>
    /// Asks Azurite to close its servers: SIGTERM where there are signals (<see cref="Process.Kill()"/> would send
    /// SIGKILL), and closing its standard input everywhere, which <see cref="ParentWatch"/> turns into the same.
    /// </summary>
    private static void Terminate(Process process)
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = SendSignal(process.Id, SigTerm);
        }

        try
        {
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The pipe is already broken: the process is on its way out.
        }
    }

    private static InvalidOperationException NodeMissing(Exception inner) =>
        new("Node.js is required to run Azurite: install Node.js 20+", inner);

    private static string NodeExecutable => OperatingSystem.IsWindows() ? "node.exe" : "node";

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int SendSignal(int processId, int signal);
}
