using Aegis.CalendarSync.Security;

namespace Aegis.CalendarSync.Tests.Security;

public sealed class SecretTests
{
    [Fact]
    public void Webhook_secrets_are_43_char_base64url_and_unique()
    {
        var secrets = Enumerable.Range(0, 100).Select(_ => WebhookSecretGenerator.Create()).ToList();

        Assert.All(secrets, s => Assert.Matches("^[A-Za-z0-9_-]{43}$", s));
        Assert.Equal(secrets.Count, secrets.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("abc", "abc", true)]
    [InlineData("abc", "abd", false)]
    [InlineData("abc", "abcd", false)]
    [InlineData("", "", true)]
    [InlineData(null, "abc", false)]
    [InlineData("abc", null, false)]
    [InlineData(null, null, false)]
    public void Fixed_time_compare_matches_only_equal_non_null_secrets(string? provided, string? expected, bool equal) =>
        Assert.Equal(equal, SecretComparer.FixedTimeEquals(provided, expected));
}
