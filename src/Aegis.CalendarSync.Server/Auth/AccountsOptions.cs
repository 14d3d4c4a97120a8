namespace Aegis.CalendarSync.Server.Auth;

/// <summary>Options section "Accounts". <see cref="AllowSignUp"/> (off by default; on in Development, the demo) opens
/// the sign-up page <c>/signup</c>; off, that route answers 404 and the sign-in page shows no link to it. Accounts can
/// always be created with the admin command line (<c>aegis-admin users add</c>).</summary>
public sealed class AccountsOptions
{
    public const string Section = "Accounts";

    public bool AllowSignUp { get; set; }
}
