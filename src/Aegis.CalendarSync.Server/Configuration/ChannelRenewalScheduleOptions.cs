using System.ComponentModel.DataAnnotations;

namespace Aegis.CalendarSync.Server.Configuration;

/// <summary>Section "ChannelRenewal", the host's part: when the renewal runs. The policy (window, attempts, backoff)
/// is the engine's <see cref="Connection.ChannelRenewalOptions"/> in the same section.</summary>
public sealed class ChannelRenewalScheduleOptions
{
    public const string Section = "ChannelRenewal";

    /// <summary>Cron expression (5 fields, UTC) of the renewal run; daily at midnight by default.</summary>
    [Required]
    public string Cron { get; set; } = "0 0 * * *";
}
