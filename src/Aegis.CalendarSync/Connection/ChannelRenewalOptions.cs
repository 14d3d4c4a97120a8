using System.ComponentModel.DataAnnotations;

namespace Aegis.CalendarSync.Connection;

/// <summary>Section "ChannelRenewal": the renewal policy (the host's schedule, "ChannelRenewal:Cron", is the host's).
/// Validated at start.</summary>
public sealed class ChannelRenewalOptions
{
    public const string SectionName = "ChannelRenewal";

    /// <summary>Channels expiring within this window are renewed.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan RenewBefore { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Attempts per channel before sync is disabled for that user.</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Delay before retry n is <c>RetryBaseDelay * 2^(n-1)</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);
}
