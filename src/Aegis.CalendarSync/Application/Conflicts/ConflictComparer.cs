using System.Globalization;
using System.Text.Json;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Sync;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Application.Conflicts;

/// <summary>Builds the field-by-field comparison of a conflict's two snapshots (as <see cref="ConflictRecorder"/>
/// stores them: the wallet's event as web JSON, Google's event as Calendar v3 JSON). Google's version is read the way
/// the sync would apply it to the wallet (<see cref="FinancialEventMapper.ApplyGoogleChanges"/>), so both columns are
/// in the wallet's terms and a field Google holds unchanged shows the same words on both sides. A field Google's copy
/// does not carry (<see cref="GoogleCarriedFields"/>: no amount, no status, no title there) is shown as
/// <see cref="NotInGoogle"/>, never as the wallet's value the sync would keep in its place; a deletion in Google as
/// <see cref="Deleted"/>. Such a field cannot be picked from Google's side.</summary>
public sealed class ConflictComparer(FinancialEventMapper mapper, IOptions<SyncEngineOptions> options)
{
    private static readonly JsonSerializerOptions LocalJson = new(JsonSerializerDefaults.Web);
    public const string Deleted = "Deleted";
    public const string NotInGoogle = "Not in Google Calendar";

    public ConflictComparison Compare(Guid userId, string localSnapshot, string googleSnapshot, CultureInfo culture)
    {
        var local = Parse(() => JsonSerializer.Deserialize<FinancialEvent>(localSnapshot, LocalJson));
        var remote = Parse(() => JsonSerializer.Deserialize(googleSnapshot, GoogleJsonContext.Default.GoogleEvent));
        return Compare(userId, local, remote, culture);
    }

    /// <summary>The comparison with money in <paramref name="culture"/> (<see cref="MoneyText"/>).</summary>
    public ConflictComparison Compare(Guid userId, FinancialEvent? local, GoogleEvent? remote, CultureInfo culture)
    {
        var walletDeleted = local is null || local.DeletedAt is not null;
        var google = remote is { IsCancelled: false, Start: not null } ? Apply(userId, local, remote) : null;
        var carried = google is null ? null : GoogleCarriedFields.Of(remote!, walletDeleted ? null : local);
        var wallet = walletDeleted ? null : local;
        var fields = Enum.GetValues<ConflictField>()
            .Select(f => carried is null || Carries(carried, f)
                ? new ConflictFieldComparison(f, Text(f, wallet, culture), Text(f, google, culture))
                : new ConflictFieldComparison(f, Text(f, wallet, culture), NotInGoogle) { InGoogle = false })
            .ToList();
        return new ConflictComparison(
            Title: wallet?.Title ?? google?.Title ?? local?.Title ?? remote?.Summary ?? FinancialEventMapper.UntitledTitle,
            Fields: fields,
            WalletChangedAt: local is null ? null : local.DeletedAt ?? local.UpdatedAt,
            GoogleChangedAt: remote?.Updated,
            WalletDeleted: walletDeleted,
            GoogleDeleted: google is null,
            OfOccurrence: remote?.RecurringEventId is not null);
    }

    private FinancialEvent? Apply(Guid userId, FinancialEvent? local, GoogleEvent remote)
    {
        try
        {
            var defaults = new GoogleImportDefaults(userId, options.Value.DefaultCurrency, options.Value.DefaultTimeZone);
            return mapper.ApplyGoogleChanges(local is { DeletedAt: null } ? local : null, remote, defaults);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static bool Carries(GoogleCarriedFields carried, ConflictField field) => field switch
    {
        ConflictField.Title => carried.Title,
        ConflictField.Amount => carried.Amount,
        ConflictField.Status => carried.Status,
        _ => true,
    };

    private static string Text(ConflictField field, FinancialEvent? e, CultureInfo culture) =>
        e is null ? Deleted : EventFieldText.Of(field, e, culture);

    private static T? Parse<T>(Func<T?> parse) where T : class
    {
        try
        {
            return parse();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
