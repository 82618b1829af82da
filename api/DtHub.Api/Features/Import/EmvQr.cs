using System.Globalization;
using System.Text;

namespace DtHub.Api.Features.Import;

/// <summary>What a merchant-presented EMVCo QR code (VietQR, VNPay-QR) says about who gets paid.</summary>
/// <param name="IsDynamic">Point of initiation 12 (one payment, usually with an amount) rather than 11 (static, printed).</param>
/// <param name="Provider">"VietQR" (NAPAS, GUID A000000727), "VNPay" (A000000775), or the GUID itself.</param>
/// <param name="BankBin">The beneficiary bank's 6-digit BIN (VietQR).</param>
/// <param name="AccountNumber">The beneficiary account or card number (VietQR).</param>
/// <param name="Guid">The scheme's application identifier (sub-tag 00 of the merchant account template).</param>
/// <param name="MerchantId">The merchant id of a non-VietQR scheme (e.g. VNPay's).</param>
/// <param name="MerchantName">Tag 59.</param>
/// <param name="MerchantCity">Tag 60.</param>
/// <param name="CategoryCode">Merchant category code, tag 52.</param>
/// <param name="Currency">ISO 4217 numeric, tag 53 ("704" for VND).</param>
/// <param name="Amount">Tag 54, in dynamic codes.</param>
/// <param name="Country">Tag 58 ("VN").</param>
public sealed record EmvQrCode(
    bool IsDynamic,
    string Provider,
    string Guid,
    string? BankBin,
    string? AccountNumber,
    string? MerchantId,
    string? MerchantName,
    string? MerchantCity,
    string? CategoryCode,
    string? Currency,
    string? Amount,
    string? Country);

/// <summary>
/// Parses EMVCo merchant-presented QR payloads: ID-length-value records, merchant account templates in tags 02–51
/// (VietQR: tag 38, GUID A000000727, sub-tag 01 holding 00 = BIN and 01 = account), and the CRC-16/CCITT-FALSE in
/// tag 63 over everything before its value.
/// </summary>
public static class EmvQr
{
    public const string VietQrGuid = "A000000727";
    public const string VnPayGuid = "A000000775";

    public static bool TryParse(string payload, out EmvQrCode? code, out string? error)
    {
        code = null;
        payload = payload.Trim();
        if (!TryReadRecords(payload, out var records, out error)) return false;
        if (records.Count == 0 || records[0].Tag != "00" || records[0].Value != "01")
            return Fail("does not start with 000201 (payload format indicator): not an EMVCo QR payload", out error);

        var crc = records[^1];
        if (crc.Tag != "63" || crc.Value.Length != 4)
            return Fail("has no CRC (tag 63, 4 hex digits) at the end", out error);
        var computed = Crc16CcittFalse(payload.AsSpan(0, crc.Offset + 4));
        if (!ushort.TryParse(crc.Value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var stated) || stated != computed)
            return Fail($"CRC mismatch: the code says {crc.Value}, its content gives {computed.ToString("X4", CultureInfo.InvariantCulture)} (a character was changed or lost)", out error);

        var tags = FirstByTag(records);
        var initiation = tags.GetValueOrDefault("01");
        if (initiation is not (null or "11" or "12"))
            return Fail($"point of initiation (tag 01) is '{initiation}', expected 11 (static) or 12 (dynamic)", out error);

        var accounts = records.Where(r => string.CompareOrdinal(r.Tag, "26") >= 0 && string.CompareOrdinal(r.Tag, "51") <= 0).ToList();
        if (accounts.Count == 0)
            return Fail("has no merchant account template (tags 26–51)", out error);
        // VietQR first when a code carries several schemes.
        var account = accounts.FirstOrDefault(a => Sub(a.Value, "00") == VietQrGuid) ?? accounts[0];
        if (!TryReadRecords(account.Value, out var template, out var templateError))
            return Fail($"merchant account template (tag {account.Tag}) is malformed: {templateError}", out error);
        var sub = FirstByTag(template);
        if (sub.GetValueOrDefault("00") is not { Length: > 0 } guid)
            return Fail($"merchant account template (tag {account.Tag}) has no GUID (sub-tag 00)", out error);

        string? bin = null, accountNumber = null, merchantId = null;
        if (guid == VietQrGuid)
        {
            // Sub-tag 01 is itself a template: 00 = acquirer (bank) BIN, 01 = consumer account or card number.
            if (sub.GetValueOrDefault("01") is not { } beneficiary || !TryReadRecords(beneficiary, out var parts, out _))
                return Fail("VietQR template (tag 38) has no beneficiary (sub-tag 01)", out error);
            bin = parts.FirstOrDefault(p => p.Tag == "00")?.Value;
            accountNumber = parts.FirstOrDefault(p => p.Tag == "01")?.Value;
            if (bin is null || bin.Length != 6 || !IsDigits(bin))
                return Fail($"VietQR bank BIN is '{bin}', expected 6 digits", out error);
            if (string.IsNullOrEmpty(accountNumber))
                return Fail("VietQR template has no account number", out error);
        }
        else
        {
            merchantId = sub.GetValueOrDefault("01") ?? sub.GetValueOrDefault("02");
            if (string.IsNullOrEmpty(merchantId))
                return Fail($"merchant account template (tag {account.Tag}) has no merchant id (sub-tag 01)", out error);
        }

        var provider = guid switch { VietQrGuid => "VietQR", VnPayGuid => "VNPay", _ => guid };
        code = new EmvQrCode(initiation == "12", provider, guid, bin, accountNumber, merchantId,
            tags.GetValueOrDefault("59"), tags.GetValueOrDefault("60"), tags.GetValueOrDefault("52"),
            tags.GetValueOrDefault("53"), tags.GetValueOrDefault("54"), tags.GetValueOrDefault("58"));
        return true;
    }

    /// <summary>
    /// Whether <see cref="TryParse"/> would accept the payload, and the provider it would name, read in place: no
    /// record objects, strings or dictionaries (a registry can hold a million codes). The reasons of a refusal are
    /// <see cref="TryParse"/>'s to give.
    /// </summary>
    public static bool TryReadProvider(ReadOnlySpan<char> payload, out string? provider)
    {
        provider = null;
        payload = payload.Trim();
        if (!WellFormed(payload) || payload.IsEmpty) return false;
        if (TagAt(payload, 0) != 0 || payload.Slice(4, LengthAt(payload, 0)) is not "01") return false;

        var last = 0;
        for (var i = 0; i < payload.Length; i += 4 + LengthAt(payload, i)) last = i;
        if (TagAt(payload, last) != 63 || LengthAt(payload, last) != 4) return false;
        if (!ushort.TryParse(payload.Slice(last + 4, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var stated)
            || stated != Crc16CcittFalse(payload[..(last + 4)])) return false;
        if (TryFirst(payload, 1, out var initiation) && initiation is not ("11" or "12")) return false;

        ReadOnlySpan<char> account = default;
        var found = false;
        for (var i = 0; i < payload.Length; i += 4 + LengthAt(payload, i))
        {
            if (TagAt(payload, i) is < 26 or > 51) continue;
            var value = payload.Slice(i + 4, LengthAt(payload, i));
            // VietQR first when a code carries several schemes.
            if (WellFormed(value) && TryFirst(value, 0, out var scheme) && scheme is VietQrGuid) { account = value; found = true; break; }
            if (!found)
            {
                account = value;
                found = true;
            }
        }
        if (!found || !WellFormed(account)) return false;
        if (!TryFirst(account, 0, out var guid) || guid.IsEmpty) return false;
        if (guid is VietQrGuid)
        {
            if (!TryFirst(account, 1, out var beneficiary) || !WellFormed(beneficiary)) return false;
            if (!TryFirst(beneficiary, 0, out var bin) || bin.Length != 6 || !IsDigits(bin)) return false;
            if (!TryFirst(beneficiary, 1, out var number) || number.IsEmpty) return false;
        }
        else
        {
            var hasId = TryFirst(account, 1, out var merchantId) || TryFirst(account, 2, out merchantId);
            if (!hasId || merchantId.IsEmpty) return false;
        }
        provider = guid switch { VietQrGuid => "VietQR", VnPayGuid => "VNPay", _ => guid.ToString() };
        return true;
    }

    /// <summary>Every record has a 2-digit ID and 2-digit length, and its value fits: what <see cref="TryReadRecords"/> accepts.</summary>
    private static bool WellFormed(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i += 4 + LengthAt(text, i))
            if (i + 4 > text.Length || !IsDigits(text.Slice(i, 4)) || i + 4 + LengthAt(text, i) > text.Length) return false;
        return true;
    }

    private static int TagAt(ReadOnlySpan<char> text, int i) => (text[i] - '0') * 10 + text[i + 1] - '0';

    private static int LengthAt(ReadOnlySpan<char> text, int i) => (text[i + 2] - '0') * 10 + text[i + 3] - '0';

    /// <summary>The value of the first record with this ID, in well-formed text.</summary>
    private static bool TryFirst(ReadOnlySpan<char> text, int tag, out ReadOnlySpan<char> value)
    {
        for (var i = 0; i < text.Length; i += 4 + LengthAt(text, i))
            if (TagAt(text, i) == tag) { value = text.Slice(i + 4, LengthAt(text, i)); return true; }
        value = default;
        return false;
    }

    /// <summary>CRC-16/CCITT-FALSE: polynomial 0x1021, initial 0xFFFF, no reflection, no final XOR.</summary>
    public static ushort Crc16CcittFalse(ReadOnlySpan<byte> data)
    {
        ushort crc = 0xFFFF;
        foreach (var b in data) crc = (ushort)((crc << 8) ^ CrcTable[(crc >> 8) ^ b]);
        return crc;
    }

    /// <summary>The CRC of a text's UTF-8 bytes, without allocating them (a registry can hold a million codes).</summary>
    private static ushort Crc16CcittFalse(ReadOnlySpan<char> text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        Span<byte> bytes = max <= 2048 ? stackalloc byte[max] : new byte[max];
        return Crc16CcittFalse(bytes[..Encoding.UTF8.GetBytes(text, bytes)]);
    }

    // One table lookup per byte instead of eight shifts.
    private static readonly ushort[] CrcTable = Enumerable.Range(0, 256).Select(b =>
    {
        var crc = (ushort)(b << 8);
        for (var i = 0; i < 8; i++) crc = (crc & 0x8000) != 0 ? (ushort)((crc << 1) ^ 0x1021) : (ushort)(crc << 1);
        return crc;
    }).ToArray();

    // "00" … "99" once, rather than a new two-character string per record.
    private static readonly string[] TagNames = Enumerable.Range(0, 100).Select(n => n.ToString("00", CultureInfo.InvariantCulture)).ToArray();

    private static bool IsDigits(ReadOnlySpan<char> text) => !text.ContainsAnyExceptInRange('0', '9');

    /// <summary>Tag → value, the first record of a tag winning.</summary>
    private static Dictionary<string, string> FirstByTag(List<Tlv> records)
    {
        var tags = new Dictionary<string, string>(records.Count, StringComparer.Ordinal);
        foreach (var r in records) tags.TryAdd(r.Tag, r.Value);
        return tags;
    }

    /// <summary>Appends "6304" and the CRC to a payload built without it (for building codes, e.g. in tests).</summary>
    public static string WithCrc(string payloadWithoutCrc)
    {
        var body = payloadWithoutCrc + "6304";
        return body + Crc16CcittFalse(Encoding.UTF8.GetBytes(body)).ToString("X4", CultureInfo.InvariantCulture);
    }

    /// <summary>One ID-length-value record; Offset is where its ID starts.</summary>
    private sealed record Tlv(string Tag, string Value, int Offset);

    private static bool TryReadRecords(string text, out List<Tlv> records, out string? error)
    {
        records = new List<Tlv>(16);
        error = null;
        var i = 0;
        while (i < text.Length)
        {
            if (i + 4 > text.Length) { error = $"truncated record at position {i}"; return false; }
            if (!IsDigits(text.AsSpan(i, 4)))
            {
                error = $"'{text.Substring(i, 4)}' at position {i} is not an ID and length";
                return false;
            }
            var tag = TagNames[(text[i] - '0') * 10 + text[i + 1] - '0'];
            var length = (text[i + 2] - '0') * 10 + text[i + 3] - '0';
            if (i + 4 + length > text.Length) { error = $"tag {tag} at position {i} claims {length} characters, only {text.Length - i - 4} remain"; return false; }
            records.Add(new Tlv(tag, text.Substring(i + 4, length), i));
            i += 4 + length;
        }
        return true;
    }

    private static string? Sub(string template, string tag) =>
        TryReadRecords(template, out var records, out _) ? records.FirstOrDefault(r => r.Tag == tag)?.Value : null;

    private static bool Fail(string reason, out string? error)
    {
        error = "QR payload " + reason;
        return false;
    }
}
