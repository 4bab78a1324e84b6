using System.Globalization;

namespace OrleansEval.LoadGenerator;

/// <summary>A process's name, resident set (<c>VmRSS</c>) and peak resident set (<c>VmHWM</c>), from <c>/proc/{pid}/status</c>, in kB.</summary>
internal sealed record ServerMemory(string Name, long RssKb, long PeakKb)
{
    public static ServerMemory Read(int pid)
    {
        string name = "?";
        long rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var value = line[(colon + 1)..].Trim();
            switch (line[..colon])
            {
                case "Name":
                    name = value;
                    break;
                case "VmRSS":
                    rss = Kilobytes(value);
                    break;
                case "VmHWM":
                    peak = Kilobytes(value);
                    break;
            }
        }

        return new ServerMemory(name, rss, peak);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"VmRSS {RssKb:N0} kB ({RssKb / 1024.0 / 1024.0:F2} GiB), VmHWM {PeakKb:N0} kB ({PeakKb / 1024.0 / 1024.0:F2} GiB)");

    private static long Kilobytes(string value) =>
        long.Parse(value.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
}
