using System.ComponentModel.DataAnnotations;

namespace Aegis.CalendarSync.Sync;

/// <summary>Section "Sync". Validated at start.</summary>
public sealed class SyncEngineOptions
{
    public const string SectionName = "Sync";

    /// <summary>A full sync lists events ending after now minus this window (seed: last 30 days).</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan FullSyncWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The seed's loop guard: a Google-sourced write is not pushed back within this window.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan LoopGuardWindow { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>events.list page size (Google: 1..2500).</summary>
    [Range(1, 2500)]
    public int ListPageSize { get; set; } = 250;

    /// <summary>Currency given to events created in Google (they carry no amount).</summary>
    [Required, RegularExpression("^[A-Z]{3}$")]
    public string DefaultCurrency { get; set; } = "EUR";

    /// <summary>Zone given to imported events whose Google event names none.</summary>
    [Required]
    public string DefaultTimeZone { get; set; } = "UTC";

    /// <summary>First retry of an inbound change that could not be applied; doubled per failed attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan InboundFailureRetryBase { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest wait between retries of an inbound change that could not be applied.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan InboundFailureRetryMax { get; set; } = TimeSpan.FromHours(12);
}
