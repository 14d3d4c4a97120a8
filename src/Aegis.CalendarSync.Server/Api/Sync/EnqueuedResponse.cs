using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Server.Api.Sync;

public sealed record EnqueuedResponse(long QueueItemId, QueueAction Action);
