using System.Globalization;

namespace OrleansEval.Grains.Compare;

/// <summary>A window whose rows of one series are more than an investigation holds in memory; its message is the rule.</summary>
internal sealed class WindowTooLargeException : Exception
{
    public WindowTooLargeException(int mostRows)
        : base(string.Create(CultureInfo.InvariantCulture, $"the window holds more than {mostRows:N0} rows of one series, more than a comparison or skew check holds at once; narrow it"))
    {
    }

    public WindowTooLargeException()
    {
    }

    public WindowTooLargeException(string message)
        : base(message)
    {
    }

    public WindowTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
