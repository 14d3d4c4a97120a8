using System.Diagnostics;
using Aegis.CalendarSync.Model;
using Aegis.CalendarSync.Store.Data;

namespace Aegis.CalendarSync.Observability;

/// <summary>The engine's one <see cref="ActivitySource"/> and the names of its spans and attributes. A host that
/// traces adds <see cref="SourceName"/> to its tracer provider; without a listener every <c>Start*</c> here returns
/// null and costs nothing.
/// <para>The chain: a write (API request or webhook) opens <see cref="Enqueue"/> and stores its W3C context with the
/// queue item; the queue processor's <see cref="Claim"/> span covers the claiming statement; each claimed item is
/// processed in <see cref="Process"/>, parented by the stored context (so request and processing are one trace) and
/// linked to the claim; under it <see cref="SyncOutbound"/> or <see cref="SyncInbound"/>, and under those one
/// <c>google.calendar {operation}</c> span per logical Google call (around the HttpClient spans of its attempts).</para>
/// <para>Attributes carry ids only (user, queue item, financial event) and vocabulary (direction, action, operation):
/// never a token, secret, calendar id or event content.</para></summary>
public static class SyncTracing
{
    public const string SourceName = "Aegis.CalendarSync";

    public const string Enqueue = "aegis.queue.enqueue";
    public const string Claim = "aegis.queue.claim";
    public const string Process = "aegis.queue.process";
    public const string SyncOutbound = "aegis.sync.outbound";
    public const string SyncInbound = "aegis.sync.inbound";
    public const string GoogleCallPrefix = "google.calendar ";

    public const string UserId = "aegis.user.id";
    public const string QueueItemId = "aegis.queue.item_id";
    public const string QueueDirection = "aegis.queue.direction";
    public const string QueueAction = "aegis.queue.action";
    public const string QueueRetryCount = "aegis.queue.retry_count";
    public const string QueueClaimed = "aegis.queue.claimed";
    public const string FinancialEventId = "aegis.event.id";
    public const string GoogleOperation = "google.calendar.operation";

    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>Opened around a write that enqueues work; the caller stores <see cref="Activity.Id"/> with the item.</summary>
    public static Activity? StartEnqueue(Guid userId, SyncDirection direction, Guid? financialEventId)
    {
        var activity = Source.StartActivity(Enqueue, ActivityKind.Producer);
        if (activity is null) return null;
        activity.SetTag(UserId, userId.ToString());
        activity.SetTag(QueueDirection, EnumText.ToText(direction));
        if (financialEventId is { } id) activity.SetTag(FinancialEventId, id.ToString());
        return activity;
    }

    /// <summary>A root span around one claiming statement. Call <see cref="EndClaim"/> with the count: an empty claim
    /// (the idle loop polls) is dropped, not exported.</summary>
    public static Activity? StartClaim() => Source.StartActivity(Claim, ActivityKind.Internal, parentContext: default);

    public static void EndClaim(Activity? claim, int claimed)
    {
        if (claim is null) return;
        claim.SetTag(QueueClaimed, claimed);
        // Exporters skip activities that are not recorded; an idle poll is noise.
        if (claimed == 0) claim.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        claim.Stop();
    }

    /// <summary>One claimed item's processing: a child of the context stored at enqueue when there is one (a write
    /// from outside the application, e.g. another program's SQL, stores none), linked to the claim that handed it out.</summary>
    public static Activity? StartProcess(SyncQueueItem item, ActivityContext claim)
    {
        var links = claim == default ? null : new[] { new ActivityLink(claim) };
        var parent = ActivityContext.TryParse(item.TraceParent, null, out var enqueued) ? enqueued : default;
        var activity = Source.StartActivity(Process, ActivityKind.Consumer, parent, links: links);
        if (activity is null) return null;
        activity.SetTag(QueueItemId, item.Id);
        activity.SetTag(UserId, item.UserId.ToString());
        activity.SetTag(QueueDirection, EnumText.ToText(item.Direction));
        activity.SetTag(QueueAction, EnumText.ToText(item.Action));
        activity.SetTag(QueueRetryCount, item.RetryCount);
        if (item.FinancialEventId is { } id) activity.SetTag(FinancialEventId, id.ToString());
        return activity;
    }

    public static Activity? StartSync(string name, Guid userId, QueueAction action, Guid? financialEventId)
    {
        var activity = Source.StartActivity(name);
        if (activity is null) return null;
        activity.SetTag(UserId, userId.ToString());
        activity.SetTag(QueueAction, EnumText.ToText(action));
        if (financialEventId is { } id) activity.SetTag(FinancialEventId, id.ToString());
        return activity;
    }

    /// <summary>One logical Google Calendar call (its retries and 401 re-send are HttpClient spans under it).</summary>
    public static Activity? StartGoogleCall(string operation, Guid userId)
    {
        var activity = Source.StartActivity(GoogleCallPrefix + operation, ActivityKind.Client);
        if (activity is null) return null;
        activity.SetTag(GoogleOperation, operation);
        activity.SetTag(UserId, userId.ToString());
        return activity;
    }

    /// <summary>Marks a span failed with the exception's type (its message may quote a Google response; not recorded).</summary>
    public static void Fail(Activity? activity, Exception exception)
    {
        if (activity is null) return;
        activity.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
        activity.SetTag("error.type", exception.GetType().FullName);
    }

    /// <summary>The W3C traceparent of <paramref name="activity"/> to store with a queue item, or null.</summary>
    public static string? TraceParent(Activity? activity) =>
        activity is { IdFormat: ActivityIdFormat.W3C } ? activity.Id : null;
}
