using Aegis.CalendarSync.Mapping;

namespace Aegis.CalendarSync.Tests.Mapping;

public sealed class GoogleEventIdTests
{
    [Theory]
    // Expected values from Python's base64.b32hexencode(uuid.bytes).lower() without padding.
    [InlineData("6f9619ff-8b86-d011-b42d-00c04fc964ff", "dub1jvsbgr813d1d0304vib4vs")]
    [InlineData("00000000-0000-0000-0000-000000000000", "00000000000000000000000000")]
    [InlineData("ffffffff-ffff-ffff-ffff-ffffffffffff", "vvvvvvvvvvvvvvvvvvvvvvvvvs")]
    public void Id_is_rfc4648_base32hex_lowercase_of_the_big_endian_guid_bytes(string guid, string expected) =>
        Assert.Equal(expected, GoogleEventId.FromFinancialEventId(Guid.Parse(guid)));

    [Fact]
    public void Id_is_stable_valid_for_google_and_parses_back()
    {
        for (var i = 0; i < 200; i++)
        {
            var eventId = Guid.NewGuid();
            var id = GoogleEventId.FromFinancialEventId(eventId);

            Assert.Equal(id, GoogleEventId.FromFinancialEventId(eventId));
            Assert.Equal(GoogleEventId.Length, id.Length);
            Assert.Matches("^[0-9a-v]{26}$", id);
            Assert.True(GoogleEventId.IsValidGoogleId(id));
            Assert.True(GoogleEventId.TryParseFinancialEventId(id, out var parsed));
            Assert.Equal(eventId, parsed);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("dub1jvsbgr813d1d0304vib4v")]     // 25 chars
    [InlineData("dub1jvsbgr813d1d0304vib4vw")]    // 'w' is outside base32hex
    [InlineData("dub1jvsbgr813d1d0304vib4vt")]    // non-zero padding bits: not produced by the encoder
    [InlineData("DUB1JVSBGR813D1D0304VIB4VS")]    // upper case
    public void Ids_not_made_by_the_encoder_do_not_parse(string? id) =>
        Assert.False(GoogleEventId.TryParseFinancialEventId(id, out _));

    [Theory]
    [InlineData("abcd", false)]
    [InlineData("abcde", true)]
    [InlineData("abcdw", false)]
    [InlineData("_abcde", false)]
    public void Google_id_rule_is_5_to_1024_base32hex_chars(string id, bool valid) =>
        Assert.Equal(valid, GoogleEventId.IsValidGoogleId(id));
}
