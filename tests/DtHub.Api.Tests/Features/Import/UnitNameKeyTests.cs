using DtHub.Api.Features.Import;
using DtHub.Api.Features.Wards;

namespace DtHub.Api.Tests.Features.Import;

public sealed class UnitNameKeyTests
{
    [Theory]
    [InlineData("Thắng nhì", "thangnhi")]
    [InlineData("P. Thắng Nhì", "thangnhi")]
    [InlineData("Phường Thắng Nhì", "thangnhi")]
    [InlineData("phuong thang nhi", "thangnhi")]
    [InlineData("<b>Thắng Nhì</b>", "thangnhi")]
    [InlineData("P.7", "7")]
    [InlineData("P7", "7")]
    [InlineData("Phường 07", "7")]
    [InlineData("7", "7")]
    [InlineData("Xã Long Sơn", "longson")]
    [InlineData("Long Sơn", "longson")]
    [InlineData("  Rạch   Dừa ", "rachdua")]
    [InlineData("Nguyễn An Ninh", "nguyenanninh")]
    public void Name_variants_share_one_key(string typed, string key) => Assert.Equal(key, UnitNameKey.Of(typed).Key);

    [Fact]
    public void A_typed_prefix_names_the_kind()
    {
        Assert.Equal(WardKind.Xa, UnitNameKey.Of("Xã Long Sơn").Kind);
        Assert.Equal(WardKind.Phuong, UnitNameKey.Of("P. Long Sơn").Kind);
        Assert.Null(UnitNameKey.Of("Long Sơn").Kind);
    }

    [Fact]
    public void A_name_matching_no_ward_or_several_is_an_explicit_error()
    {
        var index = new WardNameIndex([(1, "Phường Long Sơn", WardKind.Phuong), (2, "Xã Long Sơn", WardKind.Xa), (3, "Phường 7", WardKind.Phuong)]);
        Assert.Equal(3, index.Find("P.7").WardId);
        Assert.Equal(2, index.Find("Xã Long Sơn").WardId);

        var (none, noneError) = index.Find("Phường 6");
        Assert.Null(none);
        Assert.Contains("matches no ward", noneError);

        var (several, severalError) = index.Find("Long Sơn");
        Assert.Null(several);
        Assert.Contains("Phường Long Sơn", severalError);
        Assert.Contains("Xã Long Sơn", severalError);
    }
}

public sealed class CellTextTests
{
    [Theory]
    [InlineData("1539", 1539)]
    [InlineData("22,239", 22239)]
    [InlineData("22.239", 22239)]
    [InlineData("22 239", 22239)]
    [InlineData("1.539.000", 1539000)]
    [InlineData("<b>1.539</b>", 1539)]
    [InlineData("**1539**", 1539)]
    [InlineData("1539.0", 1539)]
    [InlineData("\u00A07 364\u00A0", 7364)]
    public void Counts_are_read_with_either_thousands_separator_and_without_markup(string typed, int expected)
    {
        Assert.True(CellText.TryParseCount(typed, out var value, out var error), error);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<b></b>")]
    [InlineData(null)]
    public void Blank_cells_are_null_not_zero(string? typed)
    {
        Assert.True(CellText.TryParseCount(typed, out var value, out _));
        Assert.Null(value);
    }

    [Theory]
    [InlineData("22,2", "not a whole number")]
    [InlineData("-5", "negative")]
    [InlineData("abc", "not a whole number")]
    [InlineData("99999999999", "too large")]
    public void Ambiguous_or_wrong_counts_are_refused_with_a_reason(string typed, string reason)
    {
        Assert.False(CellText.TryParseCount(typed, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Theory]
    [InlineData("60,32%", 60.32)]
    [InlineData("60.32 %", 60.32)]
    [InlineData("10,3456", 10.3456)]
    [InlineData("107.0812", 107.0812)]
    [InlineData("1.234,5", 1234.5)]
    [InlineData("1,234.5", 1234.5)]
    public void Decimals_accept_the_vietnamese_comma(string typed, double expected)
    {
        Assert.True(CellText.TryParseDecimal(typed, out var value, out _));
        Assert.Equal(expected, value!.Value, 6);
    }
}
