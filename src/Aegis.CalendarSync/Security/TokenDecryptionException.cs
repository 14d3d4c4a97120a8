using Aegis.CalendarSync.Queue;

namespace Aegis.CalendarSync.Security;

/// <summary>A stored token cannot be decrypted: malformed, tampered with, bound to another context, or made with
/// a key that is no longer configured. Retrying cannot fix it; the user has to reconnect.</summary>
public sealed class TokenDecryptionException(string message, Exception? inner = null) : Exception(message, inner), IPermanentFailure
{
}
