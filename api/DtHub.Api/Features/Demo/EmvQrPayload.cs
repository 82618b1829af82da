using System.Globalization;
using System.Text;

namespace DtHub.Api.Features.Demo;

/// <summary>
/// Builds EMVCo merchant-presented QR strings in the VietQR profile (NAPAS, tag 38), ending with the
/// CRC-16/CCITT-FALSE checksum in tag 63. Only what the demo needs; the import feature parses real ones.
/// </summary>
internal static class EmvQrPayload
{
    /// <summary>NAPAS's application identifier for VietQR.</summary>
    private const string NapasGuid = "A000000727";

    /// <summary>Service code for a transfer to an account.</summary>
    private const string ToAccountService = "QRIBFTTA";

    public static string VietQr(string bankBin, string accountNumber, string merchantName, string merchantCategoryCode, string city)
    {
        var beneficiary = Field("00", bankBin) + Field("01", accountNumber);
        var merchantAccount = Field("00", NapasGuid) + Field("01", beneficiary) + Field("02", ToAccountService);
        var body = Field("00", "01")        // payload format indicator
            + Field("01", "11")             // static QR: the customer types the amount
            + Field("38", merchantAccount)
            + Field("52", merchantCategoryCode)
            + Field("53", "704")            // VND
            + Field("58", "VN")
            + Field("59", Ascii(merchantName, 25))
            + Field("60", Ascii(city, 15))
            + "6304";
        return body + Crc16CcittFalse(body).ToString("X4", CultureInfo.InvariantCulture);
    }

    /// <summary>CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR.</summary>
    public static ushort Crc16CcittFalse(string text)
    {
        ushort crc = 0xFFFF;
        foreach (var b in Encoding.ASCII.GetBytes(text))
        {
            crc ^= (ushort)(b << 8);
            for (var bit = 0; bit < 8; bit++)
                crc = (crc & 0x8000) != 0 ? (ushort)((crc << 1) ^ 0x1021) : (ushort)(crc << 1);
        }
        return crc;
    }

    private static string Field(string tag, string value) => value.Length is > 0 and <= 99
        ? tag + value.Length.ToString("00", CultureInfo.InvariantCulture) + value
        : throw new ArgumentException($"EMVCo field {tag} must hold 1–99 characters, not {value.Length}.", nameof(value));

    /// <summary>Upper-case ASCII without diacritics ("Tạp hóa Đông" → "TAP HOA DONG"), as QR fields require.</summary>
    public static string Ascii(string text, int maxLength)
    {
        var decomposed = text.Replace('Đ', 'D').Replace('đ', 'd').Normalize(NormalizationForm.FormD);
        var ascii = new StringBuilder();
        foreach (var ch in decomposed)
        {
            if (char.IsAsciiLetterOrDigit(ch)) ascii.Append(char.ToUpperInvariant(ch));
            else if (ch is ' ' or '-' or '.' && ascii.Length > 0 && ascii[^1] != ' ') ascii.Append(ch == '-' ? ' ' : ch);
        }
        var result = ascii.ToString().Trim();
        return result.Length <= maxLength ? result : result[..maxLength].TrimEnd();
    }
}
