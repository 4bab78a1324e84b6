using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace OrleansEval.Server.Storage;

/// <summary>Starting and stopping the Azurite node process.</summary>
internal sealed partial class AzuriteLauncher
{
    private const int SigTerm = 15;

    /// <summary>The script in the package folder that runs Azurite so that every stop is its graceful shutdown.</summary>
    private const string GracefulRunner = "run-azurite.js";

    /// <summary>
    /// How long a stop waits for Azurite to save its databases and exit before it is killed. Closing takes well under a
    /// second with development data; killing it loses what it confirmed since its last autosave.
    /// </summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly AzuriteOutput _output = new();

    private Process StartProcess(AzuriteStartOptions options)
    {
        var entryScript = FindEntryScript()
            ?? throw new InvalidOperationException(
                $"Azurite is not installed in '{PackageDirectory}': call EnsureInstalledAsync, or run 'npm ci' there.");
        var runner = Path.Combine(PackageDirectory, GracefulRunner);
        if (!File.Exists(runner))
        {
            throw new InvalidOperationException($"'{PackageDirectory}' has no {GracefulRunner}: it is not the repository's azurite/ folder.");
        }

        var startInfo = new ProcessStartInfo(NodeExecutable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = options.DataDirectory ?? PackageDirectory,
        };
        foreach (var argument in new[] { runner, entryScript, "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose" })
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

    /// <summary>
    /// Stops the Azurite this launcher started the graceful way (it saves its databases and exits), killing it only when
    /// it has not exited within 30 s; <see cref="RestartAsync"/> starts it again. Does nothing when no process of ours
    /// runs.
    /// </summary>
    public Task StopAsync() => EndProcessAsync(graceful: true);

    /// <summary>
    /// Kills the Azurite this launcher started (SIGKILL), as a crash would: Azurite loses what it confirmed since its
    /// last autosave (every 5 s). <see cref="RestartAsync"/> starts it again.
    /// </summary>
    public Task KillAsync() => EndProcessAsync(graceful: false);

    private async Task EndProcessAsync(bool graceful)
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
                if (graceful)
                {
                    await StopGracefullyAsync(process).ConfigureAwait(false);
                }
                else
                {
                    _logger.Killing(processId);
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }

            _logger.Stopped(processId, process.ExitCode);
        }
    }

    private async Task StopGracefullyAsync(Process process)
    {
        var processId = process.Id;
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
    /// Asks Azurite to shut down: closing its standard input, which <see cref="GracefulRunner"/> takes as the
    /// instruction to stop now (as it does when our process dies), and SIGTERM where there are signals
    /// (<see cref="Process.Kill()"/> would send SIGKILL).
    /// </summary>
    private static void Terminate(Process process)
    {
        try
        {
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The pipe is already broken: the process is on its way out.
        }

        if (!OperatingSystem.IsWindows())
        {
            _ = SendSignal(process.Id, SigTerm);
        }
    }

    private static InvalidOperationException NodeMissing(Exception inner) =>
        new("Node.js is required to run Azurite: install Node.js 20+", inner);

    private static string NodeExecutable => OperatingSystem.IsWindows() ? "node.exe" : "node";

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int SendSignal(int processId, int signal);
}
