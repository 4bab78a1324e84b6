using System.Globalization;
using System.Text;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OrleansEval.Server.Demo;
using OrleansEval.Server.Tests.Hosting;
using OrleansEval.Testing;

namespace OrleansEval.Server.Tests.Dashboard;

/// <summary>
/// One server on a real Kestrel port with the weather scenario replayed as <see cref="ModelId"/>, and one headless
/// Chromium (Debian's, driven by its chromedriver) for every dashboard test. The store's clock stands before the
/// records, so nothing rolls up while they arrive; the monitors' reminder is a day apart, so only an explicit
/// evaluation raises alerts.
/// </summary>
public sealed class DashboardServer : IAsyncLifetime
{
    public const string ModelId = "dash-weather";

    /// <summary>The browser the tests drive; the test fails, naming it, when it is not installed.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private const string DriverPath = "/usr/bin/chromedriver";

    private ServerFactory? _factory;

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public ManualClock Clock => _factory!.Clock;

    public ChromeDriver Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath) && File.Exists(DriverPath),
            $"the dashboard tests need Chromium at {ChromiumPath} and its driver at {DriverPath} (Debian: apt-get install chromium chromium-driver; .ci/run installs them)");
        var port = FreePorts.Next();
        _factory = new ServerFactory(settings: new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            ["Grpc:Port"] = "0",
            ["OrleansEval:MonitorInterval"] = "1.00:00:00",
        });
        _factory.Clock.Set(new DateTimeOffset(2011, 12, 1, 0, 0, 0, TimeSpan.Zero));
        _factory.UseKestrel();
        _factory.StartServer();
        BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await new WeatherScenario(Http, Path.Combine(AppContext.BaseDirectory, "Scenario")).ReplayAsync(ModelId, deadline.Token);
        Browser = StartBrowser();
    }

    public async Task DisposeAsync()
    {
        Browser?.Quit();
        Browser?.Dispose();
        Http?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    /// <summary>The body of a successful request, as text.</summary>
    public async Task<string> SendAsync(HttpMethod method, string path, string? body = null, string mediaType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, mediaType);
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} from {method} {path}: {text}");
        return text;
    }

    private static ChromeDriver StartBrowser()
    {
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1800", "--no-proxy-server");
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(30);
        driver.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(10);
        return driver;
    }
}
