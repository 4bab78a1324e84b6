using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace OrleansEval.Server.Storage;

/// <summary>Installing the npm-pinned Azurite package.</summary>
internal sealed partial class AzuriteLauncher
{
    private static readonly TimeSpan InstallLockPollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Whether node_modules holds Azurite, at the version package-lock.json pins when there is one.</summary>
    public bool IsInstalled => FindEntryScript() is not null;

    /// <summary>Runs <c>npm ci</c> (<c>npm install</c> without a lock file) in <see cref="PackageDirectory"/> unless Azurite is installed.</summary>
    /// <exception cref="InvalidOperationException">Node.js or npm is missing, or npm failed.</exception>
    public async Task EnsureInstalledAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (IsInstalled)
        {
            return;
        }

        // Test projects run in parallel and may all find Azurite missing: one installs while the others wait.
        using (await AcquireInstallLockAsync(cancellationToken).ConfigureAwait(false))
        {
            if (IsInstalled)
            {
                return;
            }

            _logger.Installing(PackageDirectory);
            var startedAt = _timeProvider.GetTimestamp();
            var command = File.Exists(Path.Combine(PackageDirectory, "package-lock.json")) ? "ci" : "install";
            await RunNpmAsync([command, "--no-audit", "--no-fund"], cancellationToken).ConfigureAwait(false);
            if (!IsInstalled)
            {
                throw new InvalidOperationException($"npm {command} succeeded in '{PackageDirectory}' but did not install Azurite.");
            }

            var elapsed = _timeProvider.GetElapsedTime(startedAt);
            _logger.Installed(PackageDirectory, elapsed.TotalSeconds);
        }
    }

    /// <summary>The installed Azurite's entry script, or <see langword="null"/> when it is missing or not the pinned version.</summary>
    private string? FindEntryScript()
    {
        var modules = Path.Combine(PackageDirectory, "node_modules");
        var shim = Path.Combine(modules, ".bin", OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite");
        var manifestPath = Path.Combine(modules, "azurite", "package.json");
        if (!File.Exists(shim) || !File.Exists(manifestPath))
        {
            return null;
        }

        try
        {
            using var manifest = JsonDocument.Parse(File.ReadAllText(manifestPath));
            var pinned = PinnedVersion();
            if (pinned is not null && manifest.RootElement.GetProperty("version").GetString() != pinned)
            {
                return null;
            }

            var bin = manifest.RootElement.GetProperty("bin").GetProperty("azurite").GetString();
            var script = bin is null ? null : Path.GetFullPath(Path.Combine(modules, "azurite", bin));
            return File.Exists(script) ? script : null;
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private string? PinnedVersion()
    {
        var lockPath = Path.Combine(PackageDirectory, "package-lock.json");
        if (!File.Exists(lockPath))
        {
            return null;
        }

        using var lockFile = JsonDocument.Parse(File.ReadAllText(lockPath));
        return lockFile.RootElement.GetProperty("packages").GetProperty("node_modules/azurite").GetProperty("version").GetString();
    }

    private async Task RunNpmAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = PackageDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var output = new AzuriteOutput();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                output.AddOutput(line);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                output.AddError(line);
            }
        };

        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            throw NodeMissing(exception);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'npm {string.Join(' ', arguments)}' failed in '{PackageDirectory}' with exit code {process.ExitCode}: {output.Describe()}");
        }
    }

    /// <summary>An exclusive lock across processes, held while the returned stream is open.</summary>
    private async Task<FileStream> AcquireInstallLockAsync(CancellationToken cancellationToken)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(PackageDirectory)))[..16];
        var path = Path.Combine(Path.GetTempPath(), $"orleanseval-azurite-install-{key}.lock");
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(InstallLockPollInterval, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
