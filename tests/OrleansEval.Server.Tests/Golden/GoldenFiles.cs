using System.Globalization;

namespace OrleansEval.Server.Tests.Golden;

/// <summary>
/// The committed answers of the weather replay, one <c>Golden/answers/&lt;name&gt;.json</c> per question: read from the
/// copy next to the test assembly, and written to the source folder when <see cref="WriteVariable"/> is <c>1</c>.
/// </summary>
public static class GoldenFiles
{
    /// <summary>Environment variable that makes the tests write the answers they get as the new goldens.</summary>
    public const string WriteVariable = "ORLEANSEVAL_WRITE_GOLDEN";

    private const int Context = 60;

    public static bool Writing => Environment.GetEnvironmentVariable(WriteVariable) == "1";

    /// <summary>The goldens copied next to the test assembly.</summary>
    public static string OutputFolder => Path.Combine(AppContext.BaseDirectory, "Golden", "answers");

    /// <summary>The names of the goldens next to the test assembly.</summary>
    public static IEnumerable<string> Names() =>
        Directory.Exists(OutputFolder) ? Directory.EnumerateFiles(OutputFolder, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>() : [];

    /// <summary>Writes <paramref name="answer"/> as the golden of <paramref name="name"/> in the test project's source folder.</summary>
    public static void Write(string name, byte[] answer)
    {
        var folder = Path.Combine(SourceProjectFolder(), "Golden", "answers");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, $"{name}.json"), answer);
    }

    /// <summary>Why <paramref name="answer"/> is not the golden of <paramref name="name"/>, or null when it is byte for byte.</summary>
    public static string? Mismatch(string name, byte[] answer)
    {
        var path = Path.Combine(OutputFolder, $"{name}.json");
        if (!File.Exists(path))
        {
            return $"{name}: no golden at {path}; run with {WriteVariable}=1 to write it";
        }

        var golden = File.ReadAllBytes(path);
        var length = Math.Min(golden.Length, answer.Length);
        var at = 0;
        while (at < length && golden[at] == answer[at])
        {
            at++;
        }

        return at == golden.Length && at == answer.Length
            ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"{name}: the answer ({answer.Length} bytes) differs from its golden ({golden.Length} bytes) at byte {at}\n  golden: …{Around(golden, at)}…\n  answer: …{Around(answer, at)}…");
    }

    private static string Around(byte[] bytes, int at)
    {
        var start = Math.Max(0, at - Context);
        var end = Math.Min(bytes.Length, at + Context);
        return System.Text.Encoding.UTF8.GetString(bytes, start, end - start);
    }

    private static string SourceProjectFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "OrleansEval.Server.Tests.csproj")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no OrleansEval.Server.Tests.csproj above {AppContext.BaseDirectory}");
    }
}
