namespace Aegis.CalendarSync.Server.Security;

/// <summary>Endpoint metadata replacing <see cref="SecurityHeaders.ContentSecurityPolicy"/> for that endpoint only.
/// Used solely by the Development-only API reference page (<c>/scalar</c>), whose page is an inline module script.</summary>
public sealed record ContentSecurityPolicyOverride(string Policy);
