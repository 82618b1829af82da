using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using DtHub.Api.Features.Merchants;

namespace DtHub.Api.Features.Import;

/// <summary>
/// The fast path of merchant validation, for a CSV row as most rows of a large registry are: plain text (no markup,
/// no odd spaces), numbers with a dot, yes/no as ASCII words, a valid QR code, a point inside a ward. Such a row is
/// checked on its UTF-8 bytes and encoded straight into COPY tuples, with no string per cell. Anything else, any
/// doubt and every error go to the general path (<see cref="MerchantFile"/>'s validation of a <see cref="TableRow"/>),
/// so rows taken here give exactly what the general path would.
/// </summary>
internal static class MerchantPlainRow
{
    /// <summary>Column index of each field (-1 when the file has none), in the order the fast path reads them.</summary>
    internal readonly record struct Columns(int Width, int Name, int Category, int Address, int Lat, int Lon, int Qr, int Provider,
        int AcceptsQr, int HasTransactions, int EInvoice, int Website);

    /// <summary>Validates and encodes row <paramref name="row"/> of the chunk; false (nothing written) when the general path must decide.</summary>
    public static bool TryAdd(MerchantCsvChunk chunk, int row, in Columns columns, ConcurrentDictionary<string, MerchantCategory?> categories,
        MerchantPlacement placement, MerchantTuples tuples, List<RowIssue> warnings)
    {
        for (var c = columns.Width; c < chunk.CellCount(row); c++)
            if (!IsBlank(chunk.Cell(row, c))) return false; // cells beyond the header: the general path says why

        if (!TryText(chunk.Cell(row, columns.Name), 300, out var name, out var nameNull) || nameNull) return false;
        var category = MerchantCategory.Other;
        if (columns.Category >= 0)
        {
            if (!TryText(chunk.Cell(row, columns.Category), 100, out var label, out var labelNull)) return false;
            if (!labelNull && !TryCategory(label, categories, out category)) return false;
        }
        if (!TryOptionalText(chunk, row, columns.Address, 500, out var address, out var hasAddress)) return false;
        if (!TryOptionalText(chunk, row, columns.Website, 300, out var website, out var hasWebsite)) return false;
        if (!TryDegrees(chunk.Cell(row, columns.Lat), out var lat) || !TryDegrees(chunk.Cell(row, columns.Lon), out var lon)) return false;
        if (Coordinates.Problem(lat, lon) is not null) return false;
        if (!TryOptionalText(chunk, row, columns.Qr, 512, out var payload, out var hasPayload)) return false;
        if (!TryOptionalText(chunk, row, columns.Provider, 100, out var provider, out var hasProvider)) return false;
        string? codeProvider = null;
        if (hasPayload)
        {
            Span<char> code = stackalloc char[payload.Length];
            if (!EmvQr.TryReadProvider(code[..Encoding.UTF8.GetChars(payload, code)], out codeProvider)) return false;
        }
        if (!TryFlag(chunk, row, columns.AcceptsQr, out var acceptsQr) || !TryFlag(chunk, row, columns.HasTransactions, out var hasTransactions)
            || !TryFlag(chunk, row, columns.EInvoice, out var eInvoice)) return false;

        (lon, lat) = (Math.Round(lon, 7), Math.Round(lat, 7));
        if (placement.Wards.Locate(lon, lat) is not { } wardId) return false;
        if (placement.Scope is { } scope && placement.Wards.Code(wardId) != scope.WardCode) return false;
        var accepts = acceptsQr ?? hasPayload;
        var transactions = hasTransactions ?? false;

        var number = chunk.RowNumber(row);
        tuples.StartRow(number);
        tuples.WriteText(name);
        tuples.WriteText(category.ToString());
        tuples.WriteDouble(lon);
        tuples.WriteDouble(lat);
        if (hasAddress) tuples.WriteText(address); else tuples.WriteNull();
        if (hasPayload) tuples.WriteText(payload); else tuples.WriteNull();
        if (hasProvider) tuples.WriteText(provider); else tuples.WriteText(codeProvider);
        tuples.WriteBool(accepts);
        tuples.WriteBool(transactions);
        if (hasWebsite) tuples.WriteText(website); else tuples.WriteNull();
        tuples.WriteBool(eInvoice ?? false);
        tuples.WriteInt32(wardId);
        tuples.WriteNullableInt32(placement.Neighborhoods.Locate(lon, lat));
        tuples.WritePoint(lon, lat);
        tuples.EndRow(number, NameAtPoint.Of(name, lon, lat));
        if (transactions && !accepts)
            warnings.Add(new RowIssue(number, "has transactions", "has QR transactions but does not accept QR"));
        return true;
    }

    private static bool TryOptionalText(MerchantCsvChunk chunk, int row, int column, int maxLength, out ReadOnlySpan<byte> text, out bool present)
    {
        text = default;
        present = false;
        if (column < 0) return true;
        if (!TryText(chunk.Cell(row, column), maxLength, out text, out var isNull)) return false;
        present = !isNull;
        return true;
    }

    /// <summary>
    /// What <see cref="CellText.Clean"/> gives, when it only has to trim spaces: true with the trimmed bytes (or
    /// <paramref name="isNull"/> for a blank cell); false for markup, entities, doubled or odd spaces, control
    /// characters, invalid UTF-8 or text longer than <paramref name="maxLength"/> UTF-16 units.
    /// </summary>
    internal static bool TryText(ReadOnlySpan<byte> raw, int maxLength, out ReadOnlySpan<byte> text, out bool isNull)
    {
        text = default;
        isNull = false;
        var utf16Length = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var b = raw[i];
            if (b < 0x80)
            {
                if (b < 0x20 || b is 0x7F or (byte)'<' or (byte)'&') return false;
                if (b == ' ' && i > 0 && raw[i - 1] == ' ') return false;
                if (b is (byte)'*' or (byte)'_' && i + 1 < raw.Length && raw[i + 1] == b) return false;
                utf16Length++;
                continue;
            }
            if (Rune.DecodeFromUtf8(raw[i..], out var rune, out var size) != System.Buffers.OperationStatus.Done) return false;
            if (Rune.IsWhiteSpace(rune) || rune.Value is 0x200B or 0xFEFF) return false;
            utf16Length += rune.Utf16SequenceLength;
            i += size - 1;
        }
        text = raw.Trim((byte)' ');
        utf16Length -= raw.Length - text.Length;
        if (text.IsEmpty) { isNull = true; return true; }
        return utf16Length <= maxLength;
    }

    /// <summary>A blank cell, as <see cref="string.IsNullOrWhiteSpace"/> would say of its text.</summary>
    private static bool IsBlank(ReadOnlySpan<byte> cell)
    {
        foreach (var b in cell)
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0x0B or 0x0C)) return b < 0x80 ? false : string.IsNullOrWhiteSpace(Encoding.UTF8.GetString(cell));
        return true;
    }

    /// <summary>Degrees written as <c>-?digits[.digits]</c>: what the general path parses to the same double.</summary>
    private static bool TryDegrees(ReadOnlySpan<byte> raw, out double value)
    {
        value = 0;
        var text = raw.Trim((byte)' ');
        var digits = text.Length > 0 && text[0] == '-' ? text[1..] : text;
        var dot = digits.IndexOf((byte)'.');
        var whole = dot < 0 ? digits : digits[..dot];
        if (whole.IsEmpty || whole.ContainsAnyExceptInRange((byte)'0', (byte)'9')) return false;
        if (dot >= 0 && (dot == digits.Length - 1 || digits[(dot + 1)..].ContainsAnyExceptInRange((byte)'0', (byte)'9'))) return false;
        return double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    /// <summary>Yes/no typed as a plain ASCII word; anything else (có, không, -, …) goes to the general path.</summary>
    private static bool TryFlag(MerchantCsvChunk chunk, int row, int column, out bool? value)
    {
        value = null;
        if (column < 0) return true;
        if (!TryText(chunk.Cell(row, column), 16, out var text, out var isNull)) return false;
        if (isNull) return true;
        Span<byte> lower = stackalloc byte[16];
        if (Ascii.ToLower(text, lower, out var written) != System.Buffers.OperationStatus.Done) return false;
        switch (Encoding.ASCII.GetString(lower[..written]))
        {
            case "x" or "co" or "yes" or "y" or "true" or "1" or "v": value = true; return true;
            case "khong" or "k" or "no" or "n" or "false" or "0": value = false; return true;
            default: return false;
        }
    }

    private static bool TryCategory(ReadOnlySpan<byte> utf8Label, ConcurrentDictionary<string, MerchantCategory?> categories, out MerchantCategory category)
    {
        category = MerchantCategory.Other;
        Span<char> label = stackalloc char[utf8Label.Length];
        label = label[..Encoding.UTF8.GetChars(utf8Label, label)];
        if (!categories.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(label, out var known))
        {
            var text = label.ToString();
            categories[text] = known = MerchantFile.TryCategory(text, out var parsed) ? parsed : null;
        }
        if (known is not { } k) return false;
        category = k;
        return true;
    }
}
