using Aegis.CalendarSync.Application.Progress;
namespace Aegis.CalendarSync.Server.Realtime;

/// <summary>What the feed observed for one user in one poll: the current state and the new audit rows, oldest first.</summary>
public sealed record ProgressUpdate(UserProgress Progress, IReadOnlyList<ActivityEntry> Activity);
