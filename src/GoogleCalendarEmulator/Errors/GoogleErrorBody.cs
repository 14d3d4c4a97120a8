namespace GoogleCalendarEmulator.Errors;

/// <summary>Google's standard JSON error envelope: {"error":{"errors":[…],"code":N,"message":…}}.</summary>
public sealed record GoogleErrorBody(GoogleErrorDetail Error);

public sealed record GoogleErrorDetail(IReadOnlyList<GoogleErrorItem> Errors, int Code, string Message);

public sealed record GoogleErrorItem(string Domain, string Reason, string Message, string? LocationType = null, string? Location = null);
