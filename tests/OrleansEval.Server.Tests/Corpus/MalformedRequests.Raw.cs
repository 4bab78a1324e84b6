namespace OrleansEval.Server.Tests.Corpus;

/// <summary>Requests only a raw socket sends: broken framing, short bodies, garbage request lines and headers.</summary>
internal static partial class MalformedRequests
{
    /// <summary>How long a raw request may wait for its answer; a stalled body is cut off by Kestrel's minimum data rate well before.</summary>
    public static readonly TimeSpan RawTimeout = TimeSpan.FromSeconds(20);

    private static readonly string[] BadChunks =
    [
        "zz\r\nabc\r\n0\r\n\r\n", "-1\r\n\r\n", "FFFFFFFFFFFFFFFFFFFF\r\nabc\r\n", "5\r\nab\r\n0\r\n\r\n", "5\r\nabcdefgh\r\n0\r\n\r\n",
        "5\nabcde\n0\n\n", "5\r\nabcde\r\n", "5;ext=\u0001\r\nabcde\r\n0\r\n\r\n", "0\r\nTrailer: \u0001\r\n\r\n", "\r\n\r\n",
        "5\r\n[{}]\r\n", "1\r\n[\r\n0\r\n\r\n", " 5\r\nabcde\r\n0\r\n\r\n", "5 \r\nabcde\r\n0\r\n\r\n",
    ];

    private static IEnumerable<CorpusCase> RawCases(string modelId)
    {
        var records = $"/v1/models/{modelId}/records";
        var body = Utf8($"[{Record}]");
        foreach (var (path, method) in new[] { (records, "POST"), ($"/v1/models/{modelId}-c", "PUT") })
        {
            foreach (var chunks in BadChunks)
            {
                yield return Raw($"chunked {method} {Short(chunks.ReplaceLineEndings("|"))}", Latin1($"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{chunks}"));
            }
        }

        foreach (var path in new[] { records, $"/v1/models/{modelId}/actuals", $"/v1/models/{modelId}-s", $"/v1/models/{modelId}/monitors/m2", $"/v1/models/{modelId}/baselines/b2", $"/v1/models/{modelId}/slices/s2" })
        {
            var method = path.EndsWith("records", StringComparison.Ordinal) || path.EndsWith("actuals", StringComparison.Ordinal) ? "POST" : "PUT";
            foreach (var sent in new[] { 0, 1, body.Length / 2 })
            {
                yield return Raw($"short body {method} {path[(path.LastIndexOf('/') + 1)..]} {sent} of {body.Length}", Concat(Latin1($"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"), body[..sent]));
            }
        }

        string Head(string headers) => $"POST {records} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n{headers}\r\n";
        yield return Raw("Content-Length and chunked", Concat(Latin1(Head($"Content-Length: {body.Length}\r\nTransfer-Encoding: chunked\r\n")), body));
        yield return Raw("Content-Length not a number", Concat(Latin1(Head("Content-Length: abc\r\n")), body));
        yield return Raw("negative Content-Length", Concat(Latin1(Head("Content-Length: -5\r\n")), body));
        yield return Raw("two Content-Lengths", Concat(Latin1(Head($"Content-Length: {body.Length}\r\nContent-Length: 3\r\n")), body));
        yield return Raw("huge Content-Length", Concat(Latin1(Head("Content-Length: 99999999999999999999\r\n")), body));
        yield return Raw("Content-Length over the limit", Concat(Latin1(Head("Content-Length: 5000000\r\n")), body));
        yield return Raw("body longer than Content-Length", Concat(Latin1(Head("Content-Length: 2\r\n")), body));
        yield return Raw("Expect 100-continue without body", Latin1(Head($"Expect: 100-continue\r\nContent-Length: {body.Length}\r\n")));
        foreach (var key in new[] { "", "\u0001", "a/b", "..", new string('k', 200), "\u00e9", "a\u007fb" })
        {
            yield return Raw($"Idempotency-Key {Short(System.Text.Json.JsonSerializer.Serialize(key))}", Concat(Latin1(Head($"Idempotency-Key: {key}\r\nContent-Length: {body.Length}\r\n")), body));
        }

        yield return Raw("folded header", Concat(Latin1(Head($"X-Folded: a\r\n b\r\nContent-Length: {body.Length}\r\n")), body));
        yield return Raw("header without colon", Concat(Latin1(Head($"NoColon\r\nContent-Length: {body.Length}\r\n")), body));
        yield return Raw("40 KB header line", Concat(Latin1(Head($"X-Big: {new string('h', 40_000)}\r\nContent-Length: {body.Length}\r\n")), body));
        yield return Raw("400 headers", Concat(Latin1(Head(string.Concat(Enumerable.Range(0, 400).Select(i => $"X-H{i}: {new string('h', 100)}\r\n")) + $"Content-Length: {body.Length}\r\n")), body));
        yield return Raw("20 KB request target", Latin1($"GET /v1/models/{new string('m', 20_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));

        var model = Utf8("""{"task": "regression", "features": [{"name": "x", "type": "numeric"}]}""");
        foreach (var target in new[] { "a%00b", "a%0A", "a%0D%0A", "%2E%2E", "%2e", "a%2Fb", "a%5Cb", "%C0%AF", "%FF", "a%20b", "%E2%80%A4", "a\u0001b", "a b", "a%", "%%", "a\\b" })
        {
            yield return Raw($"path {target}", Concat(Latin1($"PUT /v1/models/{target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {model.Length}\r\nConnection: close\r\n\r\n"), model));
        }

        yield return Raw("garbage request line", Latin1("GARBAGE\r\n\r\n"));
        // 505 is the answer HTTP defines for a version the server does not speak; Kestrel gives it before any endpoint runs.
        yield return Raw("unknown HTTP version", Latin1("GET /healthz HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n"), protocolStatus: 505);
        yield return Raw("no Host", Latin1("GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n"));
        yield return Raw("NUL bytes", [0, 0, 0, 0, 13, 10, 13, 10]);
        yield return Raw("binary junk", [.. Enumerable.Range(0, 256).Select(i => (byte)(i * 37 % 256)), 13, 10, 13, 10]);
        yield return Raw("lower-case method", Latin1("get /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));

        // A sender that stops mid-body and closes its side: nobody is left to answer, but nothing may break.
        yield return Raw("half-closed short body on records", Concat(Latin1(Head($"Content-Length: {body.Length}\r\n")), body[..10]), halfClose: true);
    }

    private static CorpusCase Raw(string name, byte[] request, bool halfClose = false, int? protocolStatus = null) =>
        new($"raw: {name}", Framing: true, target => target.RawAsync(request, halfClose, RawTimeout, protocolStatus));
}
