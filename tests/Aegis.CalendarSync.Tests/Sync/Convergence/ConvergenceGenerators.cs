using CsCheck;

namespace Aegis.CalendarSync.Tests.Sync.Convergence;

/// <summary>CsCheck generators of interleavings. Edits on both sides are frequent and engine turns interleave them, so
/// many edits race (both sides change an event before the engine sees either). At most
/// <see cref="MaxCreates"/> events per case (each side's creations counted), which keeps a round's deletions from
/// Google far below the mass-delete guard (more than 10 events and 20 %). Shrinking shortens the sequence and lowers
/// every number, so a failure is reported as a short sequence with small targets.</summary>
public static class ConvergenceGenerators
{
    public const int MaxCreates = 8;
    private const int MaxTarget = MaxCreates - 1;

    /// <summary>What a person changes in Google: no status field there.</summary>
    private static readonly Gen<EventChange> GoogleChange = Gen.OneOf(Gen.Const(EventChange.Title), Gen.Const(EventChange.Amount), Gen.Const(EventChange.Move));

    private static readonly Gen<ConvergenceStep> Create = Gen.Frequency(
        (3, Gen.Select(Gen.Enum<EventShape>(), Gen.Int[0, 20], (s, d) => (ConvergenceStep)new WalletCreate(s, d))),
        (1, Gen.Int[0, 20].Select(d => (ConvergenceStep)new GoogleCreate(d))));

    private static readonly Gen<ConvergenceStep> Step = Gen.Frequency(
        (4, Gen.Select(Gen.Enum<EventShape>(), Gen.Int[0, 20], (s, d) => (ConvergenceStep)new WalletCreate(s, d))),
        (5, Gen.Select(Gen.Int[0, MaxTarget], Gen.Enum<EventChange>(), Gen.Int[0, 9], (t, c, v) => (ConvergenceStep)new WalletEdit(t, c, v))),
        (2, Gen.Int[0, MaxTarget].Select(t => (ConvergenceStep)new WalletDelete(t))),
        (3, Gen.Select(Gen.Int[0, MaxTarget], Gen.Int[0, 5], Gen.Enum<WalletOccurrenceChange>(), Gen.Int[0, 9],
            (t, i, c, v) => (ConvergenceStep)new WalletOccurrenceEdit(t, i, c, v))),
        (2, Gen.Int[0, 20].Select(d => (ConvergenceStep)new GoogleCreate(d))),
        (5, Gen.Select(Gen.Int[0, MaxTarget], GoogleChange, Gen.Int[0, 9], (t, c, v) => (ConvergenceStep)new GoogleEdit(t, c, v))),
        (2, Gen.Int[0, MaxTarget].Select(t => (ConvergenceStep)new GoogleDelete(t))),
        (3, Gen.Select(Gen.Int[0, MaxTarget], Gen.Int[0, 5], Gen.Enum<GoogleOccurrenceChange>(), Gen.Int[0, 9],
            (t, i, c, v) => (ConvergenceStep)new GoogleOccurrenceEdit(t, i, c, v))),
        (3, Gen.Select(Gen.Enum<FaultKind>(), Gen.Int[1, 3], (k, n) => (ConvergenceStep)new InjectFault(k, n))),
        (5, Gen.Const((ConvergenceStep)new DeliverPushes())),
        (2, Gen.Const((ConvergenceStep)new PollGoogle())));

    /// <summary>1 to 3 creations (so the edits have something to act on), then 1 to <paramref name="maxSteps"/> steps.</summary>
    public static Gen<ConvergenceStep[]> Interleaving(int maxSteps = 20) =>
        Gen.Select(Create.Array[1, 3], Step.Array[1, maxSteps], (first, rest) => (ConvergenceStep[])[.. first, .. rest]);
}
