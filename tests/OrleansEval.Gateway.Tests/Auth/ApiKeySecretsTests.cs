using OrleansEval.Gateway.Auth;

namespace OrleansEval.Gateway.Tests.Auth;

public sealed class ApiKeySecretsTests
{
    [Fact]
    public void Token_OfANewKey_ParsesBackToItsIdAndSecret()
    {
        var (id, secret) = (ApiKeySecrets.NewId(), ApiKeySecrets.NewSecret());

        Assert.True(ApiKeySecrets.TryParse(ApiKeySecrets.Token(id, secret), out var parsedId, out var parsedSecret));

        Assert.Equal(id, parsedId);
        Assert.Equal(secret, parsedSecret);
        Assert.Equal(12, id.Length);
        Assert.Equal(43, secret.Length);
    }

    [Theory]
    [InlineData("a-configured-secret-of-enough-length")]
    [InlineData("oe.")]
    [InlineData("oe.abc")]
    [InlineData("oe..secret")]
    public void TryParse_OfATokenNotMadeByTheServer_IsFalse(string token) =>
        Assert.False(ApiKeySecrets.TryParse(token, out _, out _));

    [Fact]
    public void Matches_IsTrueForTheHashedSecretOnly_AndTheSameSecretHashesDifferentlyUnderAnotherSalt()
    {
        var secret = ApiKeySecrets.NewSecret();
        var salt = ApiKeySecrets.NewSalt();
        var hash = ApiKeySecrets.Hash(salt, secret);

        Assert.True(ApiKeySecrets.Matches(salt, hash, secret));
        Assert.False(ApiKeySecrets.Matches(salt, hash, secret + "x"));
        Assert.False(ApiKeySecrets.Matches(salt, hash, secret[..^1]));
        Assert.NotEqual(hash, ApiKeySecrets.Hash(ApiKeySecrets.NewSalt(), secret));
        Assert.Equal(32, hash.Length);
    }
}
