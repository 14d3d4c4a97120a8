namespace Aegis.CalendarSync.Model;

/// <summary>Why a dead letter was cleared without being retried (the audit row's error_code, snake_case):
/// Google already holds the wallet's current version of the event; there is nothing left to send (the event was
/// deleted and never reached Google, or cannot be shown in a calendar); or a full sync has since done what a failed
/// inbound sync was meant to do.</summary>
public enum DeadLetterResolution { AlreadyInGoogle, NothingToSend, SupersededByFullSync }
