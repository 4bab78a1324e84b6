using OrleansEval.Gateway.Auth;

namespace OrleansEval.Gateway.Tests.Auth;

public sealed class AuthOptionsValidatorTests
{
    private static readonly OpenAccess Closed = new(false, "the environment is Production");

    [Fact]
    public void Validate_NoKeysWhereOpenIsNotAllowed_FailsNamingTheSettingAndWhy()
    {
        var result = new AuthOptionsValidator(Closed).Validate(null, new AuthOptions());

        Assert.True(result.Failed);
        Assert.Contains("Auth:Keys: no API key is configured", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("the environment is Production", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoKeysInDevelopmentOnLoopback_Succeeds() =>
        Assert.True(new AuthOptionsValidator(new OpenAccess(true, "Development on loopback")).Validate(null, new AuthOptions()).Succeeded);

    [Theory]
    [InlineData("short", "admin", "Auth:Keys:ci:Secret must be at least 32 characters")]
    [InlineData("a-secret-long-enough-for-the-rule-0123", "", "Auth:Keys:ci:Scopes must name at least one")]
    [InlineData("a-secret-long-enough-for-the-rule-0123", "read,write", "Auth:Keys:ci:Scopes: 'write' is not one of")]
    public void Validate_AConfiguredKeyThatCannotWork_FailsNamingIt(string secret, string scopes, string expected)
    {
        var options = new AuthOptions { Keys = { ["ci"] = new ConfiguredApiKey { Secret = secret, Scopes = scopes } } };

        var result = new AuthOptionsValidator(Closed).Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AnOpenPathUnderTheApi_Fails() =>
        Assert.True(new AuthOptionsValidator(new OpenAccess(true, "Development on loopback")).Validate(null, new AuthOptions { OpenPaths = "/healthz;/v1/models" }).Failed);
}
