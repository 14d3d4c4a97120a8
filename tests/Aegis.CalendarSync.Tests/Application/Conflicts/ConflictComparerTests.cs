using System.Globalization;
using Aegis.CalendarSync.Application.Conflicts;
using Aegis.CalendarSync.Google.Models;
using Aegis.CalendarSync.Mapping;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Sync;
using Aegis.CalendarSync.Testing.Clock;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Tests.Application.Conflicts;

/// <summary>The conflict comparison shows what each side holds: a field Google's copy does not carry is shown as not in
/// Google (never as the wallet's value the sync would keep in its place), a deletion in Google as deleted.</summary>
public sealed class ConflictComparerTests
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly FinancialEventMapper _mapper = new(new TestClock(Now));
    private readonly Guid _userId = Guid.NewGuid();

    private ConflictComparer Comparer => new(_mapper, Options.Create(new SyncEngineOptions()));

    private FinancialEvent Wallet(decimal amount = 30m, EventStatus status = EventStatus.Paid) => new()
    {
        Id = Guid.NewGuid(),
        UserId = _userId,
        Title = "Gym (wallet)",
        Amount = amount,
        Currency = "EUR",
        EventType = EventType.Bill,
        Status = status,
        StartAt = new DateTimeOffset(2026, 12, 10, 0, 0, 0, TimeSpan.Zero),
        EndAt = new DateTimeOffset(2026, 12, 11, 0, 0, 0, TimeSpan.Zero),
        AllDay = true,
        TimeZone = "UTC",
        UpdatedAt = Now,
    };

    private GoogleEvent GoogleCopyOf(FinancialEvent e) => _mapper.ToGoogleEvent(e)! with { Updated = Now.AddMinutes(1) };

    private static IReadOnlyDictionary<ConflictField, ConflictFieldComparison> Fields(ConflictComparison c) => c.Fields.ToDictionary(f => f.Field);

    [Fact]
    public void Fields_google_holds_no_value_for_are_shown_as_not_in_google_not_as_the_wallet_values()
    {
        var wallet = Wallet();
        // Another app rewrote the event: its private properties are gone and the summary has no amount part.
        var google = GoogleCopyOf(wallet) with { ExtendedProperties = null, Summary = "Gym (renamed elsewhere)" };

        var fields = Fields(Comparer.Compare(_userId, wallet, google, Culture));

        Assert.Equal(("Gym (wallet)", "Gym (renamed elsewhere)"), (fields[ConflictField.Title].Wallet, fields[ConflictField.Title].Google));
        Assert.Equal(("EUR 30.00", ConflictComparer.NotInGoogle), (fields[ConflictField.Amount].Wallet, fields[ConflictField.Amount].Google));
        Assert.Equal(("Paid", ConflictComparer.NotInGoogle), (fields[ConflictField.Status].Wallet, fields[ConflictField.Status].Google));
        Assert.False(fields[ConflictField.Amount].InGoogle);
        Assert.False(fields[ConflictField.Amount].Pickable);
        Assert.True(fields[ConflictField.Amount].Differs);
        Assert.True(fields[ConflictField.Title].InGoogle);
        Assert.True(fields[ConflictField.Title].Pickable);
        Assert.Equal(fields[ConflictField.When].Wallet, fields[ConflictField.When].Google);
    }

    [Fact]
    public void An_amount_google_states_only_in_its_summary_is_google_s_and_a_blank_summary_is_no_title()
    {
        var wallet = Wallet();
        var fromSummary = GoogleCopyOf(wallet) with
        {
            ExtendedProperties = null,
            Summary = SummaryFormat.Format("Gym", EventType.Bill, 25m, "EUR"),
        };
        var untitled = GoogleCopyOf(wallet) with { Summary = "  " };

        var read = Fields(Comparer.Compare(_userId, wallet, fromSummary, Culture));
        var blank = Fields(Comparer.Compare(_userId, wallet, untitled, Culture));

        Assert.Equal(("EUR 30.00", "EUR 25.00"), (read[ConflictField.Amount].Wallet, read[ConflictField.Amount].Google));
        Assert.True(read[ConflictField.Amount].Pickable);
        Assert.Equal(ConflictComparer.NotInGoogle, blank[ConflictField.Title].Google);
        Assert.False(blank[ConflictField.Title].Pickable);
        // The rest of that copy still carries its properties: Google's own values, equal to the wallet's.
        Assert.Equal(("EUR 30.00", "EUR 30.00"), (blank[ConflictField.Amount].Wallet, blank[ConflictField.Amount].Google));
        Assert.False(blank[ConflictField.Status].Differs);
    }

    [Fact]
    public void A_copy_google_holds_in_full_shows_google_s_values_and_equal_fields_in_the_same_words()
    {
        var wallet = Wallet();
        var google = GoogleCopyOf(wallet with { Amount = 45m, Status = EventStatus.Pending });

        var comparison = Comparer.Compare(_userId, wallet, google, Culture);
        var fields = Fields(comparison);

        Assert.Equal(("EUR 30.00", "EUR 45.00"), (fields[ConflictField.Amount].Wallet, fields[ConflictField.Amount].Google));
        Assert.Equal(("Paid", "Not paid yet"), (fields[ConflictField.Status].Wallet, fields[ConflictField.Status].Google));
        Assert.All(comparison.Fields, f => Assert.True(f.InGoogle));
        Assert.Equal([ConflictField.Amount, ConflictField.Status], comparison.Differing.Select(f => f.Field));
        Assert.True(comparison.CanMerge);
    }

    [Fact]
    public void A_deletion_in_google_shows_every_google_field_as_deleted_and_no_wallet_value_there()
    {
        var wallet = Wallet();
        var deleted = new GoogleEvent { Id = GoogleEventId.FromFinancialEventId(wallet.Id), Status = GoogleEvent.StatusCancelled };

        var comparison = Comparer.Compare(_userId, wallet, deleted, Culture);

        Assert.True(comparison.GoogleDeleted);
        Assert.False(comparison.CanMerge);
        Assert.All(comparison.Fields, f => Assert.Equal(ConflictComparer.Deleted, f.Google));
        Assert.All(comparison.Fields, f => Assert.NotEqual(ConflictComparer.Deleted, f.Wallet));
    }
}
