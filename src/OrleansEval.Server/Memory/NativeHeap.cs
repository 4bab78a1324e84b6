using System.Runtime.InteropServices;

namespace OrleansEval.Server.Memory;

/// <summary>
/// The C library's heap, where native code of the process allocates: Brotli's encoder and decoder state for the stored
/// segments and records, the runtime's own and the JIT compiler's working memory. glibc serves a thread from one of up to
/// eight arenas a core and gives an arena's pages back to the system only from its top, and only past a threshold that it
/// raises, by default, to twice the largest buffer ever freed (up to 64 MiB); so after buffers of megabytes are allocated
/// and freed by many threads, each arena keeps its high-water mark resident though most of it is free.
/// <see cref="FixThresholds"/> stops glibc raising its thresholds, so buffers of <see cref="MapThreshold"/> or more are
/// mapped on their own and unmapped when freed, and an arena's free top past <see cref="TrimThreshold"/> is given back;
/// <see cref="Trim"/> (glibc's <c>malloc_trim</c>) gives back the free pages inside every arena. Elsewhere (musl, Windows,
/// macOS) both do nothing.
/// </summary>
internal static class NativeHeap
{
    private static bool _unavailable = !OperatingSystem.IsLinux();

    /// <summary>The size from which a native buffer is mapped on its own once the thresholds are fixed: glibc's initial 128 KiB.</summary>
    public const int MapThreshold = 128 * 1024;

    /// <summary>The free top past which an arena gives its pages back once the thresholds are fixed, 1 MiB.</summary>
    public const int TrimThreshold = 1024 * 1024;

    // mallopt's parameters (malloc.h).
    private const int MallocTrimThreshold = -1;
    private const int MallocMmapThreshold = -3;

    /// <summary>Whether this process's C library is glibc, whose free pages <see cref="Trim"/> can give back.</summary>
    public static bool IsAvailable => !_unavailable;

    /// <summary>
    /// Fixes glibc's thresholds at <see cref="MapThreshold"/> and <see cref="TrimThreshold"/>, which also stops it raising
    /// them as buffers are freed; true when glibc took both. Process-wide, for the allocations that follow.
    /// </summary>
    public static bool FixThresholds()
    {
        if (_unavailable)
        {
            return false;
        }

        try
        {
            var mapped = MallocOption(MallocMmapThreshold, MapThreshold) == 1;
            var trimmed = MallocOption(MallocTrimThreshold, TrimThreshold) == 1;
            return mapped && trimmed;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true;
            return false;
        }
    }

    /// <summary>
    /// Gives the free pages of every glibc arena back to the system, keeping none at the top of the main arena;
    /// true when some were given back, false when none were or the C library is not glibc.
    /// </summary>
    public static bool Trim()
    {
        if (_unavailable)
        {
            return false;
        }

        try
        {
            return MallocTrim(0) != 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl has no malloc_trim): nothing to trim, and no need to look again.
            _unavailable = true;
            return false;
        }
    }

    /// <summary>The process's resident bytes (the second field of <c>/proc/self/statm</c>), or null where there is none.</summary>
    public static long? ResidentBytes()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            var fields = File.ReadAllText("/proc/self/statm").Split(' ');
            return fields.Length > 1 && long.TryParse(fields[1], out var pages) ? pages * Environment.SystemPageSize : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [DllImport("libc.so.6", EntryPoint = "mallopt")]
    private static extern int MallocOption(int parameter, int value);

    [DllImport("libc.so.6", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
