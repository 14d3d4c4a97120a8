using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Aegis.CalendarSync.Store;

/// <summary>Fails start-up on an unknown provider or a connection string the chosen driver cannot parse.</summary>
internal sealed class StoreOptionsValidator : IValidateOptions<StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        if (string.Equals(options.Provider, StoreOptions.Postgres, StringComparison.OrdinalIgnoreCase))
            return ValidatePostgres(options.ConnectionString);
        if (string.Equals(options.Provider, StoreOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
            return ValidateSqlite(options);
        return ValidateOptionsResult.Fail(
            $"Store:Provider must be '{StoreOptions.Sqlite}' or '{StoreOptions.Postgres}', not '{options.Provider}'.");
    }

    private static ValidateOptionsResult ValidatePostgres(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            return ValidateOptionsResult.Fail("Store:ConnectionString is required for the postgres provider.");
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(builder.Host)
                ? ValidateOptionsResult.Fail("Store:ConnectionString has no Host.")
                : ValidateOptionsResult.Success;
        }
        catch (ArgumentException ex)
        {
            return ValidateOptionsResult.Fail($"Store:ConnectionString is not a valid PostgreSQL connection string: {ex.Message}");
        }
    }

    private static ValidateOptionsResult ValidateSqlite(StoreOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
            return string.IsNullOrWhiteSpace(options.DataDirectory)
                ? ValidateOptionsResult.Fail("Store:DataDirectory is required when Store:ConnectionString is empty.")
                : ValidateOptionsResult.Success;
        try
        {
            var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
            return string.IsNullOrWhiteSpace(builder.DataSource)
                ? ValidateOptionsResult.Fail("Store:ConnectionString has no Data Source.")
                : ValidateOptionsResult.Success;
        }
        catch (ArgumentException ex)
        {
            return ValidateOptionsResult.Fail($"Store:ConnectionString is not a valid SQLite connection string: {ex.Message}");
        }
    }
}
