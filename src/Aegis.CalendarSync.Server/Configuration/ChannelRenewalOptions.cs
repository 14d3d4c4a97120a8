using System.ComponentModel.DataAnnotations;

namespace Aegis.CalendarSync.Server.Configuration;

/// <summary>Options section "ChannelRenewal".</summary>
public sealed class ChannelRenewalOptions
{
    public const string Section = "ChannelRenewal";

    /// <summary>Cron expression (5 fields, UTC) of the renewal run; daily at midnight by default.</summary>
    [Required]
    public string Cron { get; set; } = "0 0 * * *";

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
