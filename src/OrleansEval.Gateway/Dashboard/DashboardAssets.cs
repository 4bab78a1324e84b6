using System.Collections.Frozen;
using System.IO.Compression;

namespace OrleansEval.Gateway.Dashboard;

/// <summary>
/// The dashboard's files, read once from <c>wwwroot/</c> at start: only a file found there is ever served, so no path
/// from a request reaches the file system. Each is gzipped on its first compressed request (the chart library is
/// 1.1 MB as written and about a third of that on the wire).
/// </summary>
internal sealed class DashboardAssets
{
    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly FrozenDictionary<string, DashboardAsset> _files;

    public DashboardAssets(string root)
    {
        _files = (Directory.Exists(root) ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories) : [])
            .Where(file => ContentTypes.ContainsKey(Path.GetExtension(file)))
            .ToFrozenDictionary(
                file => Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/'),
                file => Read(file),
                StringComparer.Ordinal);
    }

    /// <summary>The file at <paramref name="path"/> (relative to <c>wwwroot/</c>, with <c>/</c>), or null.</summary>
    public DashboardAsset? Find(string path) => _files.GetValueOrDefault(path);

    private static DashboardAsset Read(string file)
    {
        var content = File.ReadAllBytes(file);
        return new DashboardAsset(content, ContentTypes[Path.GetExtension(file)], new Lazy<byte[]>(() => Gzip(content)));
    }

    private static byte[] Gzip(byte[] content)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return compressed.ToArray();
    }
}
