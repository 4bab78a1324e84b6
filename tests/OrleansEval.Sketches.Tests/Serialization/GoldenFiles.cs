using System.Runtime.CompilerServices;

namespace OrleansEval.Sketches.Tests.Serialization;

/// <summary>
/// Compares bytes with a checked-in file under <c>Golden/</c>. A missing or different file fails the test. Setting the
/// environment variable <c>ORLEANSEVAL_REGENERATE_GOLDEN=1</c> rewrites the files in the source tree instead; review the
/// diff and rebuild before running the tests again.
/// </summary>
internal static class GoldenFiles
{
    public const string RegenerateVariable = "ORLEANSEVAL_REGENERATE_GOLDEN";

    public static void AssertMatches(string fileName, byte[] actual, [CallerFilePath] string callerPath = "")
    {
        if (Environment.GetEnvironmentVariable(RegenerateVariable) == "1")
        {
            var sourceDirectory = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(callerPath)!, "..", "Golden"));
            Directory.CreateDirectory(sourceDirectory);
            File.WriteAllBytes(Path.Combine(sourceDirectory, fileName), actual);
            return;
        }

        var path = Path.Combine(AppContext.BaseDirectory, "Golden", fileName);
        Assert.True(
            File.Exists(path),
            $"Golden file {fileName} is missing from {Path.GetDirectoryName(path)}. Run the tests once with {RegenerateVariable}=1 to create it.");
        var expected = File.ReadAllBytes(path);
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            var firstDifference = expected.AsSpan().CommonPrefixLength(actual);
            Assert.Fail(
                $"Serialized bytes differ from {fileName} at byte {firstDifference} (expected {expected.Length} bytes, got {actual.Length}). " +
                $"If the format change is intended, bump the format version and regenerate with {RegenerateVariable}=1.");
        }
    }
}
