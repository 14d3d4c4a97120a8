namespace Aegis.CalendarSync.Sync;

/// <summary>What the inbound sync does with one Google event (<see cref="InboundDecider"/>): the one vocabulary the sync
/// applies and the first-sync preview counts.</summary>
internal enum InboundStep
{
    /// <summary>A single occurrence of a series: <see cref="OccurrenceSync"/> decides.</summary>
    Occurrence,
    /// <summary>Cancelled and never linked, or linked to a wallet event the user deleted: nothing to do.</summary>
    Ignored,
    /// <summary>Created by a person in a calendar not marked for import: never imported, never modified.</summary>
    Foreign,
    /// <summary>Linked to a wallet event that no longer exists: the link is dropped.</summary>
    LostEvent,
    /// <summary>Linked under an earlier connection and deleted under this one: the wallet's event is pushed back.</summary>
    Repush,
    /// <summary>Our own write coming back, or unchanged: nothing changes (a newer etag is remembered).</summary>
    Echo,
    /// <summary>Only Google changed the event: the wallet takes Google's version.</summary>
    UpdateWallet,
    /// <summary>Both sides changed the event: the user's conflict strategy decides.</summary>
    Conflict,
    /// <summary>Only Google deleted a live wallet event: it moves to the Trash (judged by the mass-delete guard).</summary>
    Deletion,
    /// <summary>Google deleted an event the wallet changed meanwhile: the conflict strategy decides.</summary>
    DeletionConflict,
    /// <summary>Deleted on both sides: Google's deletion is recorded.</summary>
    DeletedBothSides,
    /// <summary>A deletion the mass-delete guard already holds for the user's decision: not repeated.</summary>
    AlreadyHeld,
    /// <summary>Not linked, not ours: a new wallet event (the calendar is marked for import).</summary>
    Import,
    /// <summary>A copy made in Google of a linked event (or the later part of a split series): a wallet event of its own.</summary>
    ImportCopy,
    /// <summary>Ours, with its link lost; the wallet's version wins and is pushed: the link is recorded.</summary>
    Relink,
    /// <summary>Ours, with its link lost; Google's version wins: the wallet takes it and the link is recorded.</summary>
    RelinkFromGoogle,
}
