using System.ComponentModel.DataAnnotations;
using Aegis.CalendarSync.Store;

namespace Aegis.CalendarSync.Connection;

/// <summary>Section "Connection". Validated at start.</summary>
public sealed class ConnectionOptions : IValidatableObject
{
    public const string SectionName = "Connection";

    /// <summary>Public base URL of this server; Google posts push notifications to
    /// <c>{PublicBaseUrl}/api/webhooks/google-calendar</c> (Google requires HTTPS; the emulator accepts loopback HTTP).</summary>
    [Required, Url]
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>Requested channel lifetime (Google's default and the emulator's cap: 7 days).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00")]
    public TimeSpan ChannelTtl { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long an OAuth state (and its PKCE verifier) stays valid.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan StateLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Secret that signs OAuth states (config WEBHOOK_SECRET); at least 32 characters.</summary>
    [Required, MinLength(32)]
    public string StateSigningKey { get; set; } = "";

    /// <summary>Where a new connection (first connect, another account, or the calendar chosen before is gone) syncs:
    /// <see cref="NewConnectionCalendar.Dedicated"/> (default) a calendar of its own named <see cref="DedicatedCalendarName"/>,
    /// created on connect (an owned one of that name is reused) and marked for import; <see cref="NewConnectionCalendar.Primary"/>
    /// the account's primary calendar, not marked for import. The user can pick another calendar either way.</summary>
    public NewConnectionCalendar NewConnectionCalendar { get; set; } = NewConnectionCalendar.Dedicated;

    [Required, StringLength(100, MinimumLength = 1)]
    public string DedicatedCalendarName { get; set; } = "Aegis";

    /// <summary>Trailing debounce of push-triggered incremental syncs: a push's sync runs this long after the latest
    /// push of its user (a burst of pushes, e.g. the echoes of a bulk edit, makes one sync).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan PushDebounce { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Longest a push's sync waits under a steady stream of pushes, from the first push it covers; with the
    /// defaults a change in Google reaches the wallet well inside the one-second promise.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan PushDebounceMax { get; set; } = TimeSpan.FromMilliseconds(600);

    /// <summary>How long the webhook trusts a cached channel row changed by another node (changes made by this
    /// process drop it at once); zero reads the row on every push.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan PushChannelCacheTtl { get; set; } = TimeSpan.FromSeconds(30);

    public QueueDebounce PushQueueDebounce => new(PushDebounce, PushDebounceMax);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PushDebounceMax < PushDebounce)
            yield return new ValidationResult(
                $"Connection:PushDebounceMax ({PushDebounceMax}) must be at least Connection:PushDebounce ({PushDebounce}).",
                [nameof(PushDebounceMax)]);
    }

    public Uri WebhookAddress => new(new Uri(PublicBaseUrl.TrimEnd('/') + "/"), "api/webhooks/google-calendar");
}
