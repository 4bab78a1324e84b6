using OrleansEval.Keys;

namespace OrleansEval.Gateway.Tests.Keys;

public sealed class NameRulesTests
{
    [Theory]
    [InlineData(NameKind.Model, "wet-day_v1.2")]
    [InlineData(NameKind.Name, "temp_max")]
    [InlineData(NameKind.Name, "a..b")]
    [InlineData(NameKind.Name, ".hidden")]
    [InlineData(NameKind.Environment, "shadow")]
    [InlineData(NameKind.IdempotencyKey, "job:42:part:3")]
    [InlineData(NameKind.IdempotencyKey, "owner@team+b64url-_~==")]
    public void IsValid_NameOfItsAlphabet_IsAccepted(NameKind kind, string name)
    {
        Assert.True(NameRules.IsValid(kind, name));
        Assert.Null(NameRules.Check(kind, name));
    }

    [Theory]
    [InlineData(NameKind.Model, "a\n")]
    [InlineData(NameKind.Model, "..")]
    [InlineData(NameKind.Name, ".")]
    [InlineData(NameKind.Name, "...")]
    [InlineData(NameKind.Name, "a/b")]
    [InlineData(NameKind.Name, "a\\b")]
    [InlineData(NameKind.Name, "a:b")]
    [InlineData(NameKind.Name, "a\0")]
    [InlineData(NameKind.Name, "ａ")]
    [InlineData(NameKind.Name, "")]
    [InlineData(NameKind.Environment, "production\n")]
    [InlineData(NameKind.IdempotencyKey, "a/b")]
    [InlineData(NameKind.IdempotencyKey, "..")]
    [InlineData(NameKind.IdempotencyKey, "a b")]
    public void Check_HostileName_NamesTheRule(NameKind kind, string name)
    {
        Assert.False(NameRules.IsValid(kind, name));
        Assert.Contains(NameRules.RuleOf(kind), NameRules.Check(kind, name), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_OverLongName_IsRefusedAndQuotedToAHundredCharacters()
    {
        var rule = NameRules.Check(NameKind.Name, new string('n', 129));

        Assert.StartsWith($"'{new string('n', 100)}…' must be", rule, StringComparison.Ordinal);
        Assert.True(NameRules.IsValid(NameKind.Name, new string('n', 128)));
        Assert.False(NameRules.IsValid(NameKind.Model, new string('m', 65)));
    }

    [Fact]
    public void Quote_ControlCharactersAndSurrogateHalves_AreEscaped()
    {
        Assert.Equal("'a\\u000a\\u0000b'", Quoting.Quote("a\n\0b"));
        Assert.Equal("'\\ud800x'", Quoting.Quote("\ud800x"));
        Assert.Equal("'😀'", Quoting.Quote("😀"));
    }
}
