using System.ComponentModel.DataAnnotations;

namespace Aegis.CalendarSync.Connection;

/// <summary>Section "Connection". Validated at start.</summary>
public sealed class ConnectionOptions
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

    public Uri WebhookAddress => new(new Uri(PublicBaseUrl.TrimEnd('/') + "/"), "api/webhooks/google-calendar");
}
