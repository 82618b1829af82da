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
