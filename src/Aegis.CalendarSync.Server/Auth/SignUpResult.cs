using Aegis.CalendarSync.Model;

namespace Aegis.CalendarSync.Server.Auth;

public enum SignUpStatus
{
    Created,
    /// <summary>The email, password or confirmation broke a rule; <see cref="SignUpResult.Message"/> says which.</summary>
    Invalid,
    /// <summary>An account with this email exists; nothing was changed.</summary>
    EmailTaken,
}

/// <summary>The outcome of one sign-up; <see cref="Message"/> is the sentence to show for a refusal.</summary>
public sealed record SignUpResult(SignUpStatus Status, AppUser? User = null, string? Message = null)
{
    /// <summary>What a sign-up form usually says for a taken email, and no more: not whose it is, whether it is
    /// connected to Google, or whether it is locked.</summary>
    public const string EmailTakenMessage = "An account with this email already exists. Sign in instead, or ask your administrator to reset its password.";

    public static readonly SignUpResult Taken = new(SignUpStatus.EmailTaken, Message: EmailTakenMessage);

    public static SignUpResult Refused(string message) => new(SignUpStatus.Invalid, Message: message);
}
