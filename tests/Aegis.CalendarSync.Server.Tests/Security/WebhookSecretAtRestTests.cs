using System.Net;
using Aegis.CalendarSync.Server.Tests.Infrastructure;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Store.Data;
using Dapper;

namespace Aegis.CalendarSync.Server.Tests.Security;

/// <summary>Issue 10: the per-user webhook secret (the channel token Google echoes in every push) is stored encrypted
/// like the OAuth tokens: reading the database yields no secret, and Google's pushes are still accepted.</summary>
public sealed class WebhookSecretAtRestTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task No_webhook_secret_is_readable_in_the_database_and_pushes_still_verify(bool postgres)
    {
        await using var database = postgres ? await TestDatabase.CreateAsync<PostgresTestDatabase>(migrate: false) : null;
        await using var server = await TestServerHost.StartAsync(new TestServerOptions { Database = database });
        var user = await server.CreateUserAsync("secret@example.com");
        await server.ConnectGoogleAsync(user);
        var settings = (await server.Get<ISettingsStore>().GetAsync(user.Id, CancellationToken.None))!;
        Assert.False(string.IsNullOrEmpty(settings.WebhookSecret));

        await using var connection = await server.Get<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        var stored = (await connection.QueryAsync<string?>("SELECT webhook_secret FROM calendar_sync_settings")).ToList();
        Assert.NotEmpty(stored);
        Assert.All(stored, s => Assert.DoesNotContain(settings.WebhookSecret, s ?? ""));
        var dump = string.Join("\n", (await connection.QueryAsync("SELECT * FROM calendar_sync_settings")).Select(r => string.Join("|", ((IDictionary<string, object?>)r).Values)));
        Assert.DoesNotContain(settings.WebhookSecret, dump);

        var push = new HttpRequestMessage(HttpMethod.Post, "api/webhooks/google-calendar");
        push.Headers.Add("X-Goog-Channel-ID", settings.GoogleChannelId);
        push.Headers.Add("X-Goog-Channel-Token", settings.WebhookSecret);
        push.Headers.Add("X-Goog-Resource-ID", settings.GoogleResourceId);
        push.Headers.Add("X-Goog-Resource-State", "exists");
        push.Headers.Add("X-Goog-Message-Number", "999999");
        Assert.Equal(HttpStatusCode.OK, (await server.CreateClient().SendAsync(push)).StatusCode);
        // Only a verified push advances the message number.
        Assert.Equal(999999, (await server.Get<ISettingsStore>().GetAsync(user.Id, CancellationToken.None))!.LastMessageNumber);
    }
}
