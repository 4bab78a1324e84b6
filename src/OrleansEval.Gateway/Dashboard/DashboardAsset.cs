namespace OrleansEval.Gateway.Dashboard;

/// <summary>One file of the dashboard: its bytes, its media type, and its gzip encoding made when first asked for.</summary>
internal sealed record DashboardAsset(byte[] Content, string ContentType, Lazy<byte[]> Gzipped);
