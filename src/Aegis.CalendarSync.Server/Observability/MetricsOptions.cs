using System.ComponentModel.DataAnnotations;

namespace Aegis.CalendarSync.Server.Observability;

/// <summary>Options section "Metrics". <c>/metrics</c> is open by default (scraped from a private network); with
/// <see cref="RequireToken"/> it answers only <c>Authorization: Bearer {Token}</c> (env METRICS_TOKEN).</summary>
public sealed class MetricsOptions : IValidatableObject
{
    public const string Section = "Metrics";

    public bool RequireToken { get; set; }

    /// <summary>The scraper's bearer token; at least 32 characters when required.</summary>
    public string? Token { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RequireToken && Token is not { Length: >= 32 })
            yield return new ValidationResult("Metrics:RequireToken is true but METRICS_TOKEN (Metrics:Token) is missing or shorter than 32 characters.",
                [nameof(Token)]);
    }
}
