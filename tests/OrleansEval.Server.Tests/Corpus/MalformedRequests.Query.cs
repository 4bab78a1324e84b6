namespace OrleansEval.Server.Tests.Corpus;

/// <summary>Reads with broken query strings and paths, sent with an ordinary HTTP client.</summary>
internal static partial class MalformedRequests
{
    private static readonly string[] QueryValues =
    [
        "", "2024-05-01", "May%201%202024", "2024-05-01T10:00:00Z%0A", "9999-99-99T99:99:99Z", "1970-01-01T00:00:00Z", "9000-01-01T00:00:01Z",
        "%00", "%FF%FE", "..", "a%2Fb", "%E2%80%A4", "x%20in%20%5B1%2C%202)", "x%20in%20%5Ba%2C%20b)", "loc%20%3D%20", "%20%3D%20a", "loc%20%3D%20%00",
        "0s", "-1h", "99999999d", "1mo", "month", "1.5h", "1e400",
    ];

    private static IEnumerable<CorpusCase> QueryCases(string modelId)
    {
        var model = $"/v1/models/{modelId}";
        string[] reads = [$"{model}/drift?baseline=training&", $"{model}/performance?", $"{model}/slices?", "/v1/alerts?"];
        string[] parameters = ["from", "to", "version", "environment", "slice", "granularity", "baseline", "model", "limit", "after", "state"];
        foreach (var read in reads)
        {
            foreach (var parameter in parameters)
            {
                foreach (var value in QueryValues.Where((_, i) => (i + parameter.Length + read.Length) % 3 == 0))
                {
                    yield return Get($"query {read}{parameter}={value}", $"{read}{parameter}={value}");
                }
            }

            yield return Get($"query {read} repeated", $"{read}from=2013-01-01T00:00:00Z&from=2014-01-01T00:00:00Z&version=a&version=b");
        }

        foreach (var name in HostileNames.Where(n => n.Length < 1_000))
        {
            var segment = Uri.EscapeDataString(name);
            yield return Get($"path model {Short(segment)}", $"/v1/models/{segment}");
            yield return Get($"path baseline {Short(segment)}", $"{model}/baselines/{segment}");
            yield return Get($"path monitor {Short(segment)}", $"{model}/monitors/{segment}");
            yield return Get($"path slice {Short(segment)}", $"{model}/slices/{segment}");
        }
    }

    private static CorpusCase Get(string name, string path) => new(name, Framing: false, target => target.HttpAsync(HttpMethod.Get, path, body: null));
}
