namespace Aegis.CalendarSync.Feeds;

/// <summary>What the feed's validators are made of, read with one aggregate over the user's revision rows (deleted
/// events included): every insert raises <see cref="EventCount"/>, every update (edit, soft delete) raises
/// <see cref="RevisionSum"/>, so the stamp changes with each write to the user's events even when the clock does
/// not move. <see cref="LastChangedAt"/> is the newest updated_at; null when the user has no events.</summary>
public sealed record FeedStamp(long EventCount, long RevisionSum, DateTimeOffset? LastChangedAt);
