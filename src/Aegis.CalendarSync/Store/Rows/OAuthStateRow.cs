using Aegis.CalendarSync.Store.Data;

namespace Aegis.CalendarSync.Store.Rows;

internal sealed class OAuthStateRow
{
    public const string Columns = "state_id AS StateId, user_id AS UserId, encrypted_code_verifier AS EncryptedCodeVerifier, " +
        "redirect_uri AS RedirectUri, expires_at AS ExpiresAt, created_at AS CreatedAt";

    public string StateId { get; init; } = "";
    public object UserId { get; init; } = null!;
    public string EncryptedCodeVerifier { get; init; } = "";
    public string RedirectUri { get; init; } = "";
    public object ExpiresAt { get; init; } = null!;
    public object CreatedAt { get; init; } = null!;

    public OAuthPendingState ToModel() => new(StateId, DbValue.ToGuid(UserId), EncryptedCodeVerifier, RedirectUri,
        DbValue.ToTime(ExpiresAt), DbValue.ToTime(CreatedAt));
}
