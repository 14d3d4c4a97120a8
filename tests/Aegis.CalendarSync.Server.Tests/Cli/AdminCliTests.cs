using Aegis.CalendarSync.Application.Accounts;
using Aegis.CalendarSync.Cli;
using Aegis.CalendarSync.Google.Auth;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Security;
using Aegis.CalendarSync.Server.Auth;
using Aegis.CalendarSync.Store;
using Aegis.CalendarSync.Testing;
using Aegis.CalendarSync.Testing.Databases;
using Aegis.CalendarSync.Testing.Engine;
using Dapper;
using Aegis.CalendarSync.Store.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aegis.CalendarSync.Server.Tests.Cli;

/// <summary>aegis-admin's commands invoked in-process with arguments, against a real database of each engine,
/// configured through the server's flat keys (STORE_PROVIDER, STORE_CONNECTION_STRING, TOKENS_ENCRYPTION_KEY …).</summary>
public abstract class AdminCliTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly string _key = TestSecrets.EncryptionKey();
    private readonly string _webhookSecret = TestSecrets.WebhookSecret();

    private Dictionary<string, string?> Settings(string? connectionString = null) => new()
    {
        ["STORE_PROVIDER"] = database.Provider,
        ["STORE_CONNECTION_STRING"] = connectionString ?? database.ConnectionString,
        ["TOKENS_ENCRYPTION_KEY"] = _key,
        ["WEBHOOK_SECRET"] = _webhookSecret,
        ["GOOGLE_CLIENT_ID"] = "cli-tests",
        ["GOOGLE_CLIENT_SECRET"] = "cli-tests-secret",
        ["Emulator:Enabled"] = "false",
    };

    private async Task<Dictionary<string, string?>> MigratedAsync()
    {
        var settings = Settings();
        Assert.Equal(0, (await CliRun.InvokeAsync(settings, "", "migrate")).ExitCode);
        await database.ResetAsync();
        return settings;
    }

    [Fact]
    public async Task Migrate_applies_the_engine_and_server_sets_to_an_empty_database_and_is_idempotent()
    {
        var settings = Settings(await database.CreateEmptyDatabaseAsync());

        var first = await CliRun.InvokeAsync(settings, "", "migrate");
        var second = await CliRun.InvokeAsync(settings, "", "migrate");

        Assert.Equal((0, ""), (first.ExitCode, first.Error));
        Assert.Equal(0, second.ExitCode);
        using var host = new AdminHostFactory(settings).Build();
        await using var connection = await host.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(Ct);
        var versions = (await connection.QueryAsync<long>("SELECT version FROM schema_migrations ORDER BY version")).ToList();
        Assert.Contains(1L, versions);
        Assert.Contains(100L, versions);
        Assert.Equal(versions.Distinct(), versions);
    }

    [Fact]
    public async Task A_bad_configuration_is_one_line_and_a_non_zero_exit()
    {
        var settings = Settings();
        settings["TOKENS_ENCRYPTION_KEY"] = "short";
        settings["STORE_PROVIDER"] = "oracle";

        var missingKey = await CliRun.InvokeAsync(settings, "", "users", "list");
        settings["TOKENS_ENCRYPTION_KEY"] = _key;
        var badProvider = await CliRun.InvokeAsync(settings, "", "users", "list");

        Assert.Equal(ExitCodes.Configuration, missingKey.ExitCode);
        Assert.Contains("TOKENS_ENCRYPTION_KEY", missingKey.Error);
        Assert.Equal(ExitCodes.Configuration, badProvider.ExitCode);
        Assert.Contains("Store", badProvider.Error);
        foreach (var run in new[] { missingKey, badProvider })
        {
            Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.DoesNotContain("   at ", run.Error);
        }
    }

    [Fact]
    public async Task Users_add_list_and_reset_password_hash_exactly_as_the_server_signs_in()
    {
        var settings = await MigratedAsync();
        const string email = "ops.admin@example.com";

        var added = await CliRun.InvokeAsync(settings, "first-password-123\n", "users", "add", "--email", email, "--name", "Ops", "--password-stdin");
        var duplicate = await CliRun.InvokeAsync(settings, "", "users", "add", "--email", email, "--password", "another-password-1");
        var weak = await CliRun.InvokeAsync(settings, "", "users", "add", "--email", "weak@example.com", "--password", "short");
        var listed = await CliRun.InvokeAsync(settings, "", "users", "list");

        Assert.Equal(0, added.ExitCode);
        Assert.Equal(ExitCodes.InvalidInput, duplicate.ExitCode);
        Assert.Equal(ExitCodes.InvalidInput, weak.ExitCode);
        Assert.Contains("at least 12", weak.Error);
        Assert.Contains(email, listed.Output);
        Assert.DoesNotContain("weak@example.com", listed.Output);
        Assert.Contains("1 account(s).", listed.Output);
        using (var host = new AdminHostFactory(settings).Build())
        {
            var authenticator = host.Services.GetRequiredService<PasswordAuthenticator>();
            Assert.NotNull(await authenticator.AuthenticateAsync(email, "first-password-123", Ct));
            Assert.Null(await authenticator.AuthenticateAsync(email, "another-password-1", Ct));
        }

        var reset = await CliRun.InvokeAsync(settings, "second-password-456\n", "users", "reset-password", "--user", email, "--password-stdin");
        var unknown = await CliRun.InvokeAsync(settings, "", "users", "reset-password", "--user", "nobody@example.com", "--password", "whatever-password-1");

        Assert.Equal(0, reset.ExitCode);
        Assert.Equal(ExitCodes.InvalidInput, unknown.ExitCode);
        using (var host = new AdminHostFactory(settings).Build())
        {
            var authenticator = host.Services.GetRequiredService<PasswordAuthenticator>();
            Assert.Null(await authenticator.AuthenticateAsync(email, "first-password-123", Ct));
            Assert.NotNull(await authenticator.AuthenticateAsync(email, "second-password-456", Ct));
        }
    }

    [Fact]
    public async Task Dead_letters_are_listed_per_user_and_requeued_for_one_user_or_all()
    {
        var settings = await MigratedAsync();
        Guid a, b;
        using (var host = new AdminHostFactory(settings).Build())
        {
            a = await DeadLetterAsync(host, "a@example.com");
            b = await DeadLetterAsync(host, "b@example.com");
        }

        var listA = await CliRun.InvokeAsync(settings, "", "dead-letters", "list", "--user", "a@example.com");
        var neither = await CliRun.InvokeAsync(settings, "", "dead-letters", "requeue");
        var requeueA = await CliRun.InvokeAsync(settings, "", "dead-letters", "requeue", "--user", a.ToString());
        var requeueAll = await CliRun.InvokeAsync(settings, "", "dead-letters", "requeue", "--all");
        var after = await CliRun.InvokeAsync(settings, "", "dead-letters", "list");

        Assert.Contains(a.ToString(), listA.Output);
        Assert.DoesNotContain(b.ToString(), listA.Output);
        Assert.Contains("1 dead letter(s).", listA.Output);
        Assert.Equal(ExitCodes.InvalidInput, neither.ExitCode);
        Assert.Contains("Requeued 1 dead letter(s).", requeueA.Output);
        Assert.Contains("Requeued 1 dead letter(s).", requeueAll.Output);
        Assert.Contains("0 dead letter(s).", after.Output);
        using var check = new AdminHostFactory(settings).Build();
        var queue = check.Services.GetRequiredService<ISyncQueueStore>();
        foreach (var user in new[] { a, b })
        {
            var item = Assert.Single(await queue.ListAsync(user, null, 10, Ct));
            Assert.Equal((QueueStatus.Pending, 0), (item.Status, item.RetryCount));
        }
    }

    [Fact]
    public async Task Keys_rotate_leaves_every_token_readable_none_under_the_old_key_and_resumes_after_an_interruption()
    {
        var settings = await MigratedAsync();
        var originals = new Dictionary<Guid, (string Access, string Refresh)>();
        using (var host = new AdminHostFactory(settings).Build())
        {
            var vault = host.Services.GetRequiredService<GoogleTokenVault>();
            for (var i = 0; i < 3; i++)
            {
                var user = await host.Services.GetRequiredService<UserAccounts>().CreateAsync($"u{i}@example.com", $"U{i}", Ct);
                originals[user.Id] = ($"access-{i}", $"refresh-{i}");
                await host.Services.GetRequiredService<ISettingsStore>().UpsertAsync(new CalendarSyncSettings
                {
                    UserId = user.Id, Enabled = true, EncryptedAccessToken = vault.SealAccessToken(user.Id, $"access-{i}"),
                    EncryptedRefreshToken = vault.SealRefreshToken(user.Id, $"refresh-{i}"), TokenExpiresAt = DateTimeOffset.UtcNow,
                    WebhookSecret = $"webhook-secret-{i}",
                }, Ct);
            }
        }

        var newKey = TestSecrets.EncryptionKey();
        var rotating = new Dictionary<string, string?>(settings)
        {
            ["TOKENS_ENCRYPTION_KEY"] = newKey, ["TokenEncryption:KeyId"] = "2", ["TokenEncryption:PreviousKeys:1"] = _key,
        };

        var interrupted = await CliRun.InvokeAsync(rotating, "", "keys", "rotate", "--limit", "1");
        var resumed = await CliRun.InvokeAsync(rotating, "", "keys", "rotate");
        var again = await CliRun.InvokeAsync(rotating, "", "keys", "rotate");

        Assert.Equal(ExitCodes.Failed, interrupted.ExitCode);
        Assert.Contains("Re-encrypted 1, already under the current key 0, changed meanwhile 0, left for a later run 2.", interrupted.Output);
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains("Re-encrypted 2, already under the current key 1,", resumed.Output);
        Assert.Contains("Re-encrypted 0, already under the current key 3,", again.Output);

        // Only the new key configured: every token still opens, so none is left under the old one.
        var newOnly = new Dictionary<string, string?>(settings) { ["TOKENS_ENCRYPTION_KEY"] = newKey, ["TokenEncryption:KeyId"] = "2" };
        using var check = new AdminHostFactory(newOnly).Build();
        var newVault = check.Services.GetRequiredService<GoogleTokenVault>();
        var rows = (await check.Services.GetRequiredService<ISettingsStore>().ListAllAsync(Ct)).ToDictionary(s => s.UserId);
        Assert.Equal(originals.Keys.Order(), rows.Keys.Order());
        foreach (var (userId, (access, refresh)) in originals)
        {
            Assert.Equal(access, newVault.OpenAccessToken(userId, rows[userId].EncryptedAccessToken!));
            Assert.Equal(refresh, newVault.OpenRefreshToken(userId, rows[userId].EncryptedRefreshToken!));
            Assert.Equal(access.Replace("access", "webhook-secret"), rows[userId].WebhookSecret);
        }

        var encryptor = check.Services.GetRequiredService<ITokenEncryptor>();
        Assert.All(await check.Services.GetRequiredService<ISettingsStore>().ListStoredSecretsAsync(Ct), stored =>
            Assert.All(new[] { stored.AccessToken!, stored.RefreshToken!, stored.WebhookSecret! }, c => Assert.True(encryptor.IsCurrentKey(c))));

        var withoutOldKey = await CliRun.InvokeAsync(Settings(), "", "keys", "rotate");
        Assert.Equal(ExitCodes.Failed, withoutOldKey.ExitCode);
        Assert.Contains("key id 2", withoutOldKey.Error);
    }

    [Fact]
    public async Task Channels_list_shows_connected_accounts_and_renew_replaces_a_channel_due_by_the_policy()
    {
        var settings = Settings();
        await using var harness = await SyncHarness.StartAsync(database, new SyncHarnessOptions { Settings = settings });
        await harness.ConnectAsync();
        var before = await harness.Settings.GetAsync(harness.UserId, Ct);
        await harness.Settings.SaveChannelAsync(harness.UserId, before!.GoogleChannelId!, before.GoogleResourceId,
            DateTimeOffset.UtcNow.AddMinutes(5), Ct);
        foreach (var (key, value) in harness.Emulator.GoogleClientSettings()) settings[key] = value;
        settings["Connection:PublicBaseUrl"] = "http://127.0.0.1:9";
        Assert.Equal(0, (await CliRun.InvokeAsync(settings, "", "migrate")).ExitCode);

        var listed = await CliRun.InvokeAsync(settings, "", "channels", "list");
        var renewed = await CliRun.InvokeAsync(settings, "", "channels", "renew");
        var nothingDue = await CliRun.InvokeAsync(settings, "", "channels", "renew");

        Assert.Contains($"{harness.UserId}\tyes\t", listed.Output);
        Assert.Contains(before.GoogleChannelId!, listed.Output);
        Assert.Contains("1 connected account(s).", listed.Output);
        Assert.Equal(0, renewed.ExitCode);
        Assert.Contains("1 renewed, 0 failed.", renewed.Output);
        Assert.Contains("0 renewed, 0 failed.", nothingDue.Output);
        var after = await harness.Settings.GetAsync(harness.UserId, Ct);
        Assert.NotEqual(before.GoogleChannelId, after!.GoogleChannelId);
        Assert.True(after.ChannelExpiryAt > DateTimeOffset.UtcNow.AddDays(1));
    }

    private static async Task<Guid> DeadLetterAsync(IHost host, string email)
    {
        var user = await host.Services.GetRequiredService<UserAccounts>().CreateAsync(email, email, Ct);
        var queue = host.Services.GetRequiredService<ISyncQueueStore>();
        var id = await queue.EnqueueFromGoogleAsync(user.Id, QueueAction.FullSync, Ct);
        var claimed = Assert.Single(await queue.ClaimAsync(10, TimeSpan.FromMinutes(1), Ct), i => i.Id == id);
        Assert.True(await queue.RetryAsync(id, claimed.LeaseId!.Value, DateTimeOffset.UtcNow, "Google said 404", deadLetter: true, Ct));
        return user.Id;
    }
}

public sealed class SqliteAdminCliTests(SqliteTestDatabase database) : AdminCliTests<SqliteTestDatabase>(database);

public sealed class PostgresAdminCliTests(PostgresTestDatabase database) : AdminCliTests<PostgresTestDatabase>(database);
