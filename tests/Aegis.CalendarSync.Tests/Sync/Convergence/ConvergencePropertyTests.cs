using System.Globalization;
using CsCheck;
using Xunit.Abstractions;

namespace Aegis.CalendarSync.Tests.Sync.Convergence;

/// <summary>Issue 9's convergence property, on the real engine, database and emulator (real HTTP both ways, pushes
/// through a real webhook listener). CsCheck generates interleavings (<see cref="ConvergenceGenerators"/>) of a
/// person's creates, edits and deletions in the wallet and in Google Calendar — one-off events, monthly series and
/// single occurrences of them — with the engine's turns (push delivery + queue, periodic incremental sync) and the
/// emulator's faults (503s, lost responses, 410 on the sync token, dropped, duplicated and delayed pushes). Each case
/// is a new user on an emptied Google account, under the default strategy (last-write-wins). After the steps the
/// faults stop and the engine runs to quiescence (<see cref="ConvergenceChecks.QuiesceAsync"/>); then:
/// <list type="bullet">
/// <item><b>Same content both sides</b>: each live wallet event and its Google event read the same (title, amount,
/// currency, type, status, start, end, recurrence lines, as <see cref="EventContent"/>), and so does every occurrence
/// of a series and its Google instance (a skipped occurrence has no live instance).</item>
/// <item><b>No duplicates</b>: live wallet events and live Google events are one to one through the mappings.</item>
/// <item><b>No lost edit</b> (last write wins by the recorded clocks): every person's write is stamped by the side
/// it was made on — the wallet's <c>updated_at</c>, Google's <c>updated</c> — from one clock that moves one second
/// between steps. For each event, the write with the latest stamp decides: if it is a deletion, the event is live on
/// neither side; otherwise the wallet holds exactly the content that side held right after that write (and by the
/// first property Google does too). Edits are whole-event versions: an earlier edit on the other side that the
/// engine had not yet seen is superseded, as last-write-wins means. For an occurrence, the write with the latest
/// stamp among the writes to that occurrence decides its status (paid, pending, skipped).</item>
/// <item><b>Nothing deleted that the user did not delete, nothing invented</b>: the live wallet events are exactly
/// the events whose last write is not a deletion.</item>
/// <item><b>No loop</b>: after quiescence the queue makes zero Google API calls, and one more incremental sync makes
/// exactly one (events.list), counted in the emulator's request log.</item>
/// <item>No dead letter, no recorded inbound failure, no open conflict, no failed push.</item>
/// </list>
/// A failing case throws CsCheck's report: the seed (replay it with <c>AEGIS_CONVERGENCE_SEED</c>) and the
/// shrunk sequence, with the run log of every step and every violation. Subclassed once per engine.
/// <para><b>Runs.</b> The default run (no variable set, as CI runs it) is deterministic: exactly the 17 cases of the
/// committed <see cref="DefaultSeeds"/>, each passing on both engines (measured on the shared 2-core machine with 15
/// seeds: 10 s on SQLite, 6 s on PostgreSQL; the two seeds added since each arm lost responses, one second each), and a failing seed is reported unshrunk. Random seeds only in a soak:
/// <c>AEGIS_CONVERGENCE_SOAK=&lt;cases&gt;</c> runs that many random cases and shrinks a failure;
/// <c>AEGIS_CONVERGENCE_SEED=&lt;seed&gt;</c> replays one seed (with <c>AEGIS_CONVERGENCE_SOAK=1</c>: that case
/// only).</para>
/// <para><b>Soak failures, fixed</b> (each first reproduced, on both engines and without faults, as the fixed-sequence
/// regression test named; both seeds are now in <see cref="DefaultSeeds"/>):
/// <list type="number">
/// <item>Seed <c>eUrJSVaSJFC6</c> (SQLite, 80-case soak): <c>WalletCreate(TimedIncome, 14), DeliverPushes, GoogleEdit(0,
/// Move, 4), WalletEdit(0, Paid, 3), WalletEdit(0, Paid, 5)</c>: the wallet's two later edits bring it back to the
/// version last pushed; the engine compared content, skipped the push as unchanged and took Google's earlier move.
/// Spec decision (docs/architecture.md, "Conflicts"): last write wins compares versions by their recorded clocks, so
/// the wallet's later writes win and Google gets the event back on its day, one call; a save that changes nothing is
/// no write (<see cref="Wallet_edits_later_than_a_google_move_win_even_when_they_bring_the_event_back_to_the_pushed_version"/>).</item>
/// <item>Seed <c>0ANKj7nnUzy2</c> (PostgreSQL, 80-case soak): <c>GoogleCreate(2), GoogleEdit(0, Title, 0),
/// DeliverPushes, WalletEdit(0, Amount, 5), WalletDelete(0), GoogleEdit(0, Move, 3)</c>: Google's later edit wins over
/// the wallet's deletion, but the event made in Google carries no amount and the engine fell back to the wallet's
/// never-pushed 19 EUR of the losing edit. A Google win now fills in what Google lacks from the version last synced,
/// recorded on the mapping (<see cref="A_google_win_over_a_wallet_deletion_keeps_the_last_synced_amount_not_the_losing_edits"/>).</item>
/// </list>
/// Since these fixes: 150 + 300 random cases per engine, no failure (session 3 soak).</para></summary>
public abstract class ConvergencePropertyTests<TDatabase>(TDatabase database, ITestOutputHelper output) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    /// <summary>The cases CI runs, one per seed: fixed, so the default run is deterministic; each passes on both
    /// engines.</summary>
    public static readonly IReadOnlyList<string> DefaultSeeds =
    [
        "5qwPUhWAX-XWcS83", "7KHFrByV2fVHIQB31", "67xPd21Ii0stdDIQ1", "3wITi_w_q-wwn0nr1", "27MqrIo9u3lA_PMY", "0VrOZ3lQkhpELcS-",
        "0PkDmPFowP5hs8tk", "0aL7eNyIjQnmKFX91", "0eLfRNZon1FShtsD1", "25OboFcwB1sPRE4F1", "6JbkMSkJmAgDemNK", "2qpimOTDw4VhNy13",
        "1I97QtoKXWHwRPl3", "0hNhitg5-LC_7p5_1", "5_sN2eN__N3OybUS1", "eUrJSVaSJFC6", "0ANKj7nnUzy2",
    ];

    /// <summary><c>AEGIS_CONVERGENCE_VERBOSE=1</c> writes every passing case's run log and duration to the test output.</summary>
    private static readonly bool Verbose = Environment.GetEnvironmentVariable("AEGIS_CONVERGENCE_VERBOSE") == "1";
    private readonly TestClock _clock = TestClock.SystemShiftedBy(TimeSpan.Zero);
    private EngineWebhook _receiver = null!;
    private SyncHarness _h = null!;

    public async Task InitializeAsync()
    {
        _receiver = EngineWebhook.Start();
        _h = await SyncHarness.StartAsync(database, new SyncHarnessOptions
        {
            SharedClock = _clock,
            Settings =
            {
                ["Connection:PublicBaseUrl"] = _receiver.BaseUrl,
                // A lost response costs one attempt timeout of real time.
                ["Google:AttemptTimeout"] = "00:00:01",
            },
        });
        _receiver.Attach(_h);
    }

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task Random_interleavings_of_both_sides_under_faults_converge()
    {
        var soak = Environment.GetEnvironmentVariable("AEGIS_CONVERGENCE_SOAK") is { Length: > 0 } n ? long.Parse(n, CultureInfo.InvariantCulture) : (long?)null;
        var seed = Environment.GetEnvironmentVariable("AEGIS_CONVERGENCE_SEED") is { Length: > 0 } s ? s : null;
        if (soak is null && seed is null)
        {
            await RunSeedsAsync(DefaultSeeds);
            return;
        }

        var run = 0;
        await ConvergenceGenerators.Interleaving().SampleAsync(async steps =>
        {
            run++;
            await RunCaseAsync(steps);
        }, writeLine: output.WriteLine, seed: seed, iter: soak ?? 1, threads: 1, print: Print);
        output.WriteLine($"{_h.StoreProvider}: {run} case(s) run, {soak ?? 1} requested, seed {seed ?? "random"}");
    }

    /// <summary>Runs exactly the case of each seed (CsCheck runs a given seed first; one iteration runs nothing else),
    /// every seed even after a failure, then throws naming each failing seed with its report.</summary>
    private async Task RunSeedsAsync(IReadOnlyList<string> seeds)
    {
        var failures = new List<string>();
        foreach (var seed in seeds)
        {
            var run = 0;
            try
            {
                await ConvergenceGenerators.Interleaving().SampleAsync(async steps =>
                {
                    run++;
                    await RunCaseAsync(steps);
                }, writeLine: output.WriteLine, seed: seed, iter: 1, threads: 1, print: Print);
            }
            catch (Exception e)
            {
                failures.Add($"seed {seed}: {e.Message}");
            }

            Assert.Equal(1, run);
        }

        output.WriteLine($"{_h.StoreProvider}: {seeds.Count} committed seed(s) run, {failures.Count} failed");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, failures));
    }

    /// <summary>Found by the property (seeds 0_KP36oYPaN1 on SQLite, epyJyDBk_5x6 on PostgreSQL): the wallet deletes an
    /// event, a person edits it in Google before the deletion is pushed. The delete's If-Match fails, Google's later
    /// edit wins, and Google keeps the event, but the wallet's copy stayed deleted: the restore the sync writes went
    /// through an update that did not write deleted_at.</summary>
    [Theory]
    [InlineData(EventShape.AllDayBill, EventChange.Title)]
    [InlineData(EventShape.TimedIncome, EventChange.Move)]
    [InlineData(EventShape.MonthlySeries, EventChange.Amount)]
    public Task A_google_edit_later_than_a_wallet_deletion_restores_the_event_in_the_wallet(EventShape shape, EventChange change) =>
        RunCaseAsync([new WalletCreate(shape, 2), new DeliverPushes(), new WalletDelete(0), new GoogleEdit(0, change, 1), new DeliverPushes()]);

    [Fact]
    public Task A_google_edit_later_than_a_wallet_deletion_restores_an_event_made_in_google() =>
        RunCaseAsync([new GoogleCreate(2), new DeliverPushes(), new WalletDelete(0), new GoogleEdit(0, EventChange.Move, 2), new DeliverPushes()]);

    /// <summary>Found by the property (seed 7u1Cs4xAawrc, both engines): a person deletes a series in Google, the
    /// wallet's later edit of the series wins and writes it back, but the occurrences Google's deletion had cancelled
    /// (its exceptions: a month a person renamed, a month the wallet marked paid) stayed cancelled, and the next sync
    /// read them as months the user skipped: a bill's month vanished from both sides.</summary>
    [Fact]
    public Task A_series_the_wallet_writes_back_over_a_google_deletion_gets_back_the_months_a_person_had_changed() =>
        RunCaseAsync([new WalletCreate(EventShape.MonthlySeries, 2), new DeliverPushes(), new GoogleOccurrenceEdit(0, 0, GoogleOccurrenceChange.Rename, 0),
            new GoogleDelete(0), new WalletEdit(0, EventChange.Amount, 1), new DeliverPushes()]);

    [Fact]
    public Task A_series_the_wallet_writes_back_over_a_google_deletion_keeps_its_paid_and_skipped_months() =>
        RunCaseAsync([new WalletCreate(EventShape.MonthlySeries, 2), new WalletOccurrenceEdit(0, 1, WalletOccurrenceChange.Paid, 0),
            new WalletOccurrenceEdit(0, 2, WalletOccurrenceChange.Skip, 0), new DeliverPushes(), new GoogleDelete(0),
            new WalletEdit(0, EventChange.Title, 1), new DeliverPushes()]);

    /// <summary>Found by the property (seed 8ZjsynODgIga, PostgreSQL): the wallet changes one month of a series, then a
    /// person deletes the whole series in Google before that change is pushed. The later deletion wins, but the push of
    /// the month hit the deleted series (404) on every attempt and ended as a dead letter.</summary>
    [Fact]
    public Task A_month_changed_in_the_wallet_of_a_series_deleted_later_in_google_is_no_dead_letter() =>
        RunCaseAsync([new WalletCreate(EventShape.MonthlySeries, 2), new DeliverPushes(),
            new WalletOccurrenceEdit(0, 3, WalletOccurrenceChange.Amount, 4), new GoogleDelete(0), new DeliverPushes()]);

    /// <summary>Found by the property (seed eUrJSVaSJFC6, SQLite): a person moves a pushed event in Google, then the
    /// wallet edits it twice, the second edit bringing its content back to the version last pushed. Last write wins by
    /// the recorded clocks, not by content: the wallet's edits are later writes, so the wallet's version wins and
    /// Google gets the event back on its day. The engine took Google's earlier move because the wallet's content hash
    /// equalled the one last synced.</summary>
    [Fact]
    public Task Wallet_edits_later_than_a_google_move_win_even_when_they_bring_the_event_back_to_the_pushed_version() =>
        RunCaseAsync([new WalletCreate(EventShape.TimedIncome, 14), new DeliverPushes(), new GoogleEdit(0, EventChange.Move, 4),
            new WalletEdit(0, EventChange.Paid, 3), new WalletEdit(0, EventChange.Paid, 5)]);

    /// <summary>Found by the property (seed 0ANKj7nnUzy2, PostgreSQL): an event made in Google (no amount in Google),
    /// the wallet gives it an amount and deletes it, then a person moves it in Google. Google's later edit wins over the
    /// deletion and restores the event; the amount Google does not carry must come from the last synced version, not
    /// from the wallet's never-pushed losing edit.</summary>
    [Fact]
    public Task A_google_win_over_a_wallet_deletion_keeps_the_last_synced_amount_not_the_losing_edits() =>
        RunCaseAsync([new GoogleCreate(2), new GoogleEdit(0, EventChange.Title, 0), new DeliverPushes(),
            new WalletEdit(0, EventChange.Amount, 5), new WalletDelete(0), new GoogleEdit(0, EventChange.Move, 3)]);

    /// <summary>Session 5 (the occurrence form of seed eUrJSVaSJFC6): a month marked paid and pushed, a person deletes
    /// that month in Google, then the wallet unmarks and marks it paid again (its net content is the version last
    /// pushed, its writes later than Google's). Last write wins by the recorded clocks: the wallet's paid month stays and
    /// Google gets the instance back. The engine compared the occurrence's content only, saw no wallet change and took
    /// Google's earlier deletion: the user lost a paid month (skipped on both sides).</summary>
    [Fact]
    public Task A_month_marked_paid_again_in_the_wallet_after_a_google_deletion_stays_paid_not_skipped() =>
        RunCaseAsync([new WalletCreate(EventShape.MonthlySeries, 2), new WalletOccurrenceEdit(0, 1, WalletOccurrenceChange.Paid, 0),
            new DeliverPushes(), new GoogleOccurrenceEdit(0, 1, GoogleOccurrenceChange.Delete, 0),
            new WalletOccurrenceEdit(0, 1, WalletOccurrenceChange.Paid, 0), new WalletOccurrenceEdit(0, 1, WalletOccurrenceChange.Paid, 0),
            new DeliverPushes()]);

    /// <summary>Runs one sequence and throws, naming every violation and the run log, when it does not converge.</summary>
    protected async Task RunCaseAsync(IReadOnlyList<ConvergenceStep> steps)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var run = new ConvergenceCase(_h, _clock);
        await run.StartAsync();
        await run.RunAsync(steps);
        var checks = new ConvergenceChecks(_h, _clock, _receiver, run);
        await checks.QuiesceAsync();
        await checks.CheckNoLoopAsync();
        await checks.CheckStateAsync();
        if (checks.Violations.Count > 0)
        {
            throw new ConvergenceException(_h.StoreProvider, checks.Violations, run.Log);
        }

        if (Verbose)
        {
            output.WriteLine($"case of {steps.Count} step(s), {started.Elapsed.TotalMilliseconds:0} ms:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", run.Log)}");
        }
    }

    private static string Print(ConvergenceStep[] steps) =>
        $"{steps.Length} step(s):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", steps.Select(s => s.ToString()));
}

public sealed class SqliteConvergencePropertyTests(SqliteTestDatabase database, ITestOutputHelper output)
    : ConvergencePropertyTests<SqliteTestDatabase>(database, output);

public sealed class PostgresConvergencePropertyTests(PostgresTestDatabase database, ITestOutputHelper output)
    : ConvergencePropertyTests<PostgresTestDatabase>(database, output);
