using System.Text;
using DtHub.Api.Features.Import;

namespace DtHub.Api.Tests.Features.Import;

public sealed class EmvQrTests
{
    private static string Tlv(string tag, string value) => $"{tag}{value.Length:00}{value}";

    /// <summary>A static VietQR code for account 0011012345678 at Vietcombank (BIN 970436), built field by field.</summary>
    public static string VietQr(string account = "0011012345678", string bin = "970436") => EmvQr.WithCrc(
        Tlv("00", "01") + Tlv("01", "11")
        + Tlv("38", Tlv("00", EmvQr.VietQrGuid) + Tlv("01", Tlv("00", bin) + Tlv("01", account)) + Tlv("02", "QRIBFTTA"))
        + Tlv("53", "704") + Tlv("58", "VN") + Tlv("59", "TAP HOA CO BA") + Tlv("60", "VUNG TAU"));

    [Fact]
    public void The_crc_is_ccitt_false() => Assert.Equal(0x29B1, EmvQr.Crc16CcittFalse(Encoding.ASCII.GetBytes("123456789")));

    [Fact]
    public void A_vietqr_payload_gives_the_bank_bin_and_account()
    {
        Assert.True(EmvQr.TryParse(VietQr(), out var code, out var error), error);
        Assert.Equal("VietQR", code!.Provider);
        Assert.Equal("970436", code.BankBin);
        Assert.Equal("0011012345678", code.AccountNumber);
        Assert.Equal("TAP HOA CO BA", code.MerchantName);
        Assert.Equal("704", code.Currency);
        Assert.False(code.IsDynamic);
    }

    [Fact]
    public void A_vnpay_payload_gives_the_merchant_id()
    {
        var payload = EmvQr.WithCrc(Tlv("00", "01") + Tlv("01", "12") + Tlv("26", Tlv("00", EmvQr.VnPayGuid) + Tlv("01", "MC0012345")) + Tlv("52", "5411") + Tlv("53", "704") + Tlv("54", "50000") + Tlv("58", "VN"));
        Assert.True(EmvQr.TryParse(payload, out var code, out var error), error);
        Assert.Equal("VNPay", code!.Provider);
        Assert.Equal("MC0012345", code.MerchantId);
        Assert.Equal("50000", code.Amount);
        Assert.True(code.IsDynamic);
    }

    [Fact]
    public void A_flipped_character_is_a_crc_error()
    {
        var payload = VietQr();
        var flipped = payload.Replace("0011012345678", "0011012345679", StringComparison.Ordinal);
        Assert.False(EmvQr.TryParse(flipped, out _, out var error));
        Assert.Contains("CRC mismatch", error);
    }

    [Theory]
    [InlineData("hello", "not an ID and length")]
    [InlineData("000201010211", "no CRC")]
    [InlineData("0002010102113899", "claims 99 characters")]
    public void Broken_payloads_say_what_is_wrong(string payload, string reason)
    {
        Assert.False(EmvQr.TryParse(payload, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void A_vietqr_without_a_six_digit_bin_is_refused()
    {
        Assert.False(EmvQr.TryParse(VietQr(bin: "97043"), out _, out var error));
        Assert.Contains("BIN", error);
    }

    [Fact]
    public void Reading_only_the_provider_accepts_exactly_what_the_full_parser_accepts()
    {
        // Valid codes of both schemes and several accounts, then thousands of mutations of them, most with the CRC
        // recomputed so the checks behind it (records, templates, BIN, account, merchant id) are reached too.
        string[] seeds =
        [
            VietQr(), VietQr("123"), VietQr(bin: "97043"), VietQr(account: ""),
            EmvQr.WithCrc(Tlv("00", "01") + Tlv("01", "12") + Tlv("26", Tlv("00", EmvQr.VnPayGuid) + Tlv("01", "MC0012345")) + Tlv("53", "704")),
            EmvQr.WithCrc(Tlv("00", "01") + Tlv("26", Tlv("00", "A000000999") + Tlv("02", "X1")) + Tlv("38", Tlv("00", EmvQr.VietQrGuid) + Tlv("01", Tlv("00", "970436") + Tlv("01", "42")))),
            EmvQr.WithCrc(Tlv("00", "01") + Tlv("01", "13") + Tlv("38", Tlv("00", EmvQr.VietQrGuid))),
            " " + VietQr() + " ", "", "hello", "000201", "0002016304",
        ];
        var random = new Random(6);
        const string alphabet = "0123456789ABCDEF V";
        var (checkedCodes, accepted) = (0, 0);
        foreach (var seed in seeds)
        {
            for (var n = 0; n < 3000; n++)
            {
                var chars = seed.ToCharArray().ToList();
                for (var edits = random.Next(0, 3); edits > 0 && chars.Count > 0; edits--)
                {
                    var at = random.Next(chars.Count);
                    switch (random.Next(3))
                    {
                        case 0: chars[at] = alphabet[random.Next(alphabet.Length)]; break;
                        case 1: chars.RemoveAt(at); break;
                        default: chars.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                    }
                }
                var payload = new string([.. chars]);
                var body = payload.LastIndexOf("6304", StringComparison.Ordinal);
                if (body >= 0 && random.Next(4) > 0) payload = EmvQr.WithCrc(payload[..body]);
                var full = EmvQr.TryParse(payload, out var code, out _);
                var light = EmvQr.TryReadProvider(payload, out var provider);
                Assert.True(full == light, $"'{payload}': TryParse {full}, TryReadProvider {light}");
                if (full) Assert.Equal(code!.Provider, provider);
                checkedCodes++;
                if (full) accepted++;
            }
        }
        Assert.True(accepted > 1000 && accepted < checkedCodes / 2, $"{accepted} of {checkedCodes} accepted");
    }

    [Theory]
    [InlineData(10.35, 107.08, null)]
    [InlineData(107.08, 10.35, "swapped")]
    [InlineData(1_145_000, 712_000, "not degrees")]
    [InlineData(48.85, 2.35, "outside Vietnam")]
    [InlineData(0, 0, "placeholder")]
    public void Coordinates_are_checked_for_swaps_projections_and_place(double lat, double lon, string? problem)
    {
        var found = Coordinates.Problem(lat, lon);
        if (problem is null) Assert.Null(found);
        else Assert.Contains(problem, found);
    }
}
