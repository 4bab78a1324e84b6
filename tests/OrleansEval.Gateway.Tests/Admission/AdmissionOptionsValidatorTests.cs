using OrleansEval.Gateway.Admission;

namespace OrleansEval.Gateway.Tests.Admission;

public sealed class AdmissionOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_SucceedAndScaleWithTheProcessorCount()
    {
        var options = new AdmissionOptions();

        var result = new AdmissionOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded);
        Assert.Equal(2 * Environment.ProcessorCount, options.MaxConcurrentIngests);
        Assert.Equal(4 * Environment.ProcessorCount, options.MaxQueuedIngests);
        Assert.Equal(1, options.RetryAfterSeconds);
    }

    [Fact]
    public void Validate_LimitsThatCannotWork_FailNamingEachSetting()
    {
        var options = new AdmissionOptions { MaxConcurrentIngests = 0, MaxQueuedIngests = -1, QueueTimeout = TimeSpan.Zero, RetryAfterSeconds = 0, MaxBufferedBodyBytes = 1024 };

        var result = new AdmissionOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("MaxConcurrentIngests", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("MaxQueuedIngests", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("QueueTimeout", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("RetryAfterSeconds", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("MaxBufferedBodyBytes", result.FailureMessage, StringComparison.Ordinal);
    }
}
