namespace Aegis.CalendarSync.Mapping;

/// <summary>Values for an event created in Google (no Aegis properties): its owner, and the currency and IANA zone
/// to assume (typically the user's).</summary>
public sealed record GoogleImportDefaults(Guid UserId, string Currency, string TimeZone);
