using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;

namespace OrleansEval.Server.Storage;

/// <summary>
/// Runs the npm-pinned Azurite emulator of the repository's <c>azurite/</c> folder on 127.0.0.1, or reuses one
/// that already listens on the blob port. Disposing it stops the process it started.
/// </summary>
internal sealed partial class AzuriteLauncher : IAsyncDisposable
{
    public const string AccountName = "devstoreaccount1";

    /// <summary>The emulator's well-known development key; not a secret.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const string Host = "127.0.0.1";
    private static readonly TimeSpan ReadinessPollInterval = TimeSpan.FromMilliseconds(100);

    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private Process? _process;
    private AzuriteStartOptions? _restartOptions;
    private int _blobPort;
    private int _queuePort;
    private int _tablePort;
    private bool _started;
    private bool _startedByUs;
    private bool _disposed;

    public AzuriteLauncher(string packageDirectory, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(packageDirectory);
        PackageDirectory = Path.GetFullPath(packageDirectory);
        if (!File.Exists(Path.Combine(PackageDirectory, "package.json")))
        {
            throw new DirectoryNotFoundException($"'{PackageDirectory}' has no package.json: it is not the azurite/ package folder.");
        }

        _logger = logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The folder holding the package.json that pins Azurite.</summary>
    public string PackageDirectory { get; }

    /// <summary>Whether this launcher started the Azurite process (false when it reuses a running emulator).</summary>
    public bool StartedByUs => _startedByUs;

    /// <summary>The id of the Azurite process this launcher runs, or <see langword="null"/> when none runs.</summary>
    public int? ProcessId => _process?.Id;

    public int BlobPort => StartedPort(_blobPort);

    public int QueuePort => StartedPort(_queuePort);

    public int TablePort => StartedPort(_tablePort);

    public string ConnectionString => BuildConnectionString(BlobPort, QueuePort, TablePort);

    /// <summary>A launcher for the <c>azurite/</c> folder at <paramref name="packageDirectory"/>, or found above the app.</summary>
    public static AzuriteLauncher Create(string? packageDirectory = null, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        var directory = string.IsNullOrWhiteSpace(packageDirectory) ? FindPackageDirectory() : packageDirectory;
        if (directory is null)
        {
            throw new DirectoryNotFoundException(
                $"No azurite/package.json was found above '{AppContext.BaseDirectory}' or '{Directory.GetCurrentDirectory()}'; "
                + $"set {AzuriteOptions.SectionName}:{nameof(AzuriteOptions.PackageDirectory)}.");
        }

        return new AzuriteLauncher(directory, logger, timeProvider);
    }

    /// <summary>
    /// The nearest <c>azurite/</c> folder with a package.json above <see cref="AppContext.BaseDirectory"/>, then above the
    /// current directory; <see langword="null"/> when there is none.
    /// </summary>
    public static string? FindPackageDirectory()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "azurite");
                if (File.Exists(Path.Combine(candidate, "package.json")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    public static string BuildConnectionString(int blobPort, int queuePort, int tablePort) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};"
            + $"BlobEndpoint=http://{Host}:{blobPort}/{AccountName};"
            + $"QueueEndpoint=http://{Host}:{queuePort}/{AccountName};"
            + $"TableEndpoint=http://{Host}:{tablePort}/{AccountName};");

    /// <summary>Whether something accepts TCP connections on 127.0.0.1 at <paramref name="port"/>.</summary>
    public static async Task<bool> IsPortOpenAsync(int port, CancellationToken cancellationToken = default)
    {
        using var client = new TcpClient(AddressFamily.InterNetwork);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, attempt.Token).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// For the development host: reuses or starts Azurite on the configured ports (10000-10002 by default), keeping
    /// data in <c>&lt;repository&gt;/.azurite</c> unless configured otherwise, and installs it with npm first if needed.
    /// </summary>
    public static async Task<AzuriteLauncher> StartForDevelopmentAsync(
        AzuriteOptions options,
        ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);

        var launcher = Create(options.PackageDirectory, logger);
        try
        {
            var startOptions = new AzuriteStartOptions
            {
                BlobPort = options.BlobPort,
                QueuePort = options.QueuePort,
                TablePort = options.TablePort,
                DataDirectory = options.InMemory
                    ? null
                    : options.DataDirectory ?? Path.Combine(Path.GetDirectoryName(launcher.PackageDirectory)!, ".azurite"),
                StartupTimeout = options.StartupTimeout,
            };

            var reusable = options.BlobPort != 0
                && await IsPortOpenAsync(options.BlobPort, cancellationToken).ConfigureAwait(false);
            if (options.InstallIfMissing && !reusable)
            {
                await launcher.EnsureInstalledAsync(cancellationToken).ConfigureAwait(false);
            }

            await launcher.StartAsync(startOptions, cancellationToken).ConfigureAwait(false);
            return launcher;
        }
        catch
        {
            await launcher.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Reuses the emulator already listening on the blob port, or starts Azurite and waits until its blob, queue and
    /// table ports all accept connections.
    /// </summary>
    /// <exception cref="InvalidOperationException">Azurite is not installed, or exited before it was ready.</exception>
    /// <exception cref="TimeoutException">Azurite was not ready within <see cref="AzuriteStartOptions.StartupTimeout"/>.</exception>
    public async Task StartAsync(AzuriteStartOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_started)
        {
            throw new InvalidOperationException("This launcher has already started Azurite.");
        }

        if (options.BlobPort != 0 && await IsPortOpenAsync(options.BlobPort, cancellationToken).ConfigureAwait(false))
        {
            if (options.QueuePort == 0 || options.TablePort == 0)
            {
                throw new InvalidOperationException(
                    $"Something already listens on blob port {options.BlobPort}; give its queue and table ports too to reuse it.");
            }

            _logger.Reusing(options.BlobPort);
            SetPorts(options.BlobPort, options.QueuePort, options.TablePort);
            return;
        }

        await StartProcessAsync(options, cancellationToken).ConfigureAwait(false);
        _restartOptions = options with { BlobPort = _blobPort, QueuePort = _queuePort, TablePort = _tablePort };
    }

    /// <summary>
    /// Starts Azurite again after <see cref="StopAsync"/> or <see cref="KillAsync"/>, on the ports and data location of
    /// the first start, so connection strings handed out before stay valid.
    /// </summary>
    /// <exception cref="InvalidOperationException">This launcher did not start Azurite, or it still runs.</exception>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var options = _restartOptions
            ?? throw new InvalidOperationException("Only an Azurite this launcher started can be restarted: call StartAsync first.");
        if (_process is not null)
        {
            throw new InvalidOperationException("Azurite still runs: call StopAsync or KillAsync first.");
        }

        await StartProcessAsync(options, cancellationToken).ConfigureAwait(false);
    }

    private async Task StartProcessAsync(AzuriteStartOptions options, CancellationToken cancellationToken)
    {
        var startedAt = _timeProvider.GetTimestamp();
        var process = StartProcess(options);
        try
        {
            await WaitUntilReadyAsync(process, options, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await StopAsync().ConfigureAwait(false);
            throw;
        }

        var elapsed = _timeProvider.GetElapsedTime(startedAt);
        _logger.Started(process.Id, _blobPort, _queuePort, _tablePort, elapsed.TotalSeconds);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await StopAsync().ConfigureAwait(false);
    }

    private async Task WaitUntilReadyAsync(Process process, AzuriteStartOptions options, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.StartupTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            while (true)
            {
                if (process.HasExited)
                {
                    // Lets the output readers reach the end of the streams before the message is built.
                    await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
                    throw new InvalidOperationException(
                        $"Azurite exited with code {process.ExitCode} before it was ready: {_output.Describe()}");
                }

                var blob = options.BlobPort != 0 ? options.BlobPort : _output.ListeningPort("Blob");
                var queue = options.QueuePort != 0 ? options.QueuePort : _output.ListeningPort("Queue");
                var table = options.TablePort != 0 ? options.TablePort : _output.ListeningPort("Table");
                if (blob != 0 && queue != 0 && table != 0
                    && await IsPortOpenAsync(blob, linked.Token).ConfigureAwait(false)
                    && await IsPortOpenAsync(queue, linked.Token).ConfigureAwait(false)
                    && await IsPortOpenAsync(table, linked.Token).ConfigureAwait(false))
                {
                    SetPorts(blob, queue, table);
                    return;
                }

                await Task.Delay(ReadinessPollInterval, _timeProvider, linked.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"Azurite did not accept connections within {options.StartupTimeout.TotalSeconds} s: {_output.Describe()}");
        }
    }

    private void SetPorts(int blobPort, int queuePort, int tablePort)
    {
        _blobPort = blobPort;
        _queuePort = queuePort;
        _tablePort = tablePort;
        _started = true;
    }

    private int StartedPort(int port) =>
        _started ? port : throw new InvalidOperationException("Azurite has not been started: call StartAsync first.");
}
