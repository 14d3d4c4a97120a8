using System.Diagnostics.CodeAnalysis;

namespace Aegis.CalendarSync.Mapping;

/// <summary>Deterministic Google event ids for financial events: base32hex (RFC 4648 §7, lower case, no padding)
/// of the Guid's 16 bytes in big-endian (RFC 9562) order, i.e. 26 chars of [0-9a-v]. Google accepts client ids of
/// 5..1024 base32hex chars, so an insert retried after a lost response hits 409 instead of duplicating.</summary>
public static class GoogleEventId
{
    public const int Length = 26;
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuv";

    public static string FromFinancialEventId(Guid financialEventId)
    {
        Span<byte> bytes = stackalloc byte[16];
        financialEventId.TryWriteBytes(bytes, bigEndian: true, out _);
        Span<char> chars = stackalloc char[Length];
        int buffer = 0, bits = 0, index = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                chars[index++] = Alphabet[(buffer >> bits) & 31];
            }
        }

        // 128 bits = 25 full groups + 3 bits, left-aligned into the last char (2 zero pad bits).
        chars[index] = Alphabet[(buffer << (5 - bits)) & 31];
        return new string(chars);
    }

    /// <summary>Inverse of <see cref="FromFinancialEventId"/>; false for ids Google or users created.</summary>
    public static bool TryParseFinancialEventId(string? googleEventId, [NotNullWhen(true)] out Guid? financialEventId)
    {
        financialEventId = null;
        if (googleEventId is not { Length: Length })
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        int buffer = 0, bits = 0, index = 0;
        foreach (var c in googleEventId)
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                return false;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes[index++] = (byte)(buffer >> bits);
            }
        }

        // The 2 leftover bits must be the zero padding written by the encoder, or the id is not canonical.
        if ((buffer & ((1 << bits) - 1)) != 0)
        {
            return false;
        }

        financialEventId = new Guid(bytes, bigEndian: true);
        return true;
    }

    /// <summary>Google's rule for client-chosen ids: 5..1024 chars of base32hex (a-v, 0-9).</summary>
    public static bool IsValidGoogleId(string? id) =>
        id is { Length: >= 5 and <= 1024 } && id.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'v');
}
