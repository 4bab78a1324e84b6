using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OrleansEval.Grains.Hosting;
using OrleansEval.Server.Tests.Hosting;
using OrleansEval.Testing;

namespace OrleansEval.Server.Tests.PythonClient;

/// <summary>
/// Runs the Python client's unittest suite (clients/python/tests) with Debian's python3 against the real server on
/// Kestrel: fails with Python's output when a Python test fails, and fails (never skips) when python3 or pandas is missing.
/// </summary>
public sealed class PythonClientTests(KestrelServerFixture server) : IClassFixture<KestrelServerFixture>
{
    private const string Python = "/usr/bin/python3";

    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task PythonClientSuite_AgainstTheRealServer_Passes()
    {
        Assert.True(File.Exists(Python), $"{Python} is missing: install python3 and python3-pandas (.ci/run does)");
        var pandas = await RunAsync(["-c", "import pandas"], Folder());
        Assert.True(pandas.ExitCode == 0, $"pandas cannot be imported: install python3-pandas (.ci/run does)\n{pandas.Output}");

        // The server's monitors look at the 30 days before their clock: June 2014, which the suite logs.
        var clock = (ManualClock)server.Services.GetRequiredKeyedService<TimeProvider>(EvaluationClock.Key);
        clock.Set(new DateTimeOffset(2014, 7, 1, 0, 0, 0, TimeSpan.Zero));
        var suite = await RunAsync(["-m", "unittest", "discover", "-s", "tests", "-t", ".", "-v"], Folder());

        Assert.True(suite.ExitCode == 0, $"the Python client's tests failed (exit {suite.ExitCode}):\n{suite.Output}");
        Assert.Contains("Ran 11 tests", suite.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("skipped", suite.Output, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> arguments, string folder)
    {
        var start = new ProcessStartInfo(Python) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ORLEANSEVAL_URL"] = server.BaseAddress.ToString();
        start.Environment["ORLEANSEVAL_SCENARIO"] = Path.Combine(AppContext.BaseDirectory, "Scenario");
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"python3 ran longer than {Limit}:\n{await output}{await errors}");
        }

        return (process.ExitCode, await output + await errors);
    }

    // clients/python, found above the test's output folder.
    private static string Folder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var client = Path.Combine(folder.FullName, "clients", "python");
            if (File.Exists(Path.Combine(client, "pyproject.toml")))
            {
                return client;
            }
        }

        throw new DirectoryNotFoundException($"no clients/python above {AppContext.BaseDirectory}");
    }
}
