using System.Security.Cryptography;
using System.Text;

namespace Aegis.CalendarSync.Store.Migrations;

/// <summary>One embedded script, named <c>NNNN_description.sql</c>. The checksum detects a script edited after it
/// was applied (migrations are append-only).</summary>
public sealed record Migration(int Version, string Name, string Script)
{
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Script)));
}
