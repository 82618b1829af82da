using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace DtHub.Api.Features.Import;

/// <summary>
/// What people type into report tables, made readable: markup pasted from Word or a web page, thousands separators
/// in either convention, Vietnamese decimal commas. Each parser says why it refused a value.
/// </summary>
public static partial class CellText
{
    /// <summary>Strips HTML tags and entities, Markdown emphasis and odd spaces; blank becomes null.</summary>
    public static string? Clean(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        if (IsPlain(raw)) return raw.Trim(); // most cells of a large registry: no regex needed
        var text = raw;
        if (text.Contains('<')) text = HtmlTag().Replace(text, " ");
        if (text.Contains('&')) text = WebUtility.HtmlDecode(text);
        text = text.Replace("**", "", StringComparison.Ordinal).Replace("__", "", StringComparison.Ordinal);
        text = OddSpace().Replace(text, " ").Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>No markup, no entity, no odd or doubled space: the text needs only trimming.</summary>
    private static bool IsPlain(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '<' or '&' or '\u200B') return false;
            if ((c is '*' or '_') && i + 1 < text.Length && text[i + 1] == c) return false;
            if (c == ' ' ? i > 0 && text[i - 1] == ' ' : char.IsWhiteSpace(c)) return false;
        }
        return true;
    }

    /// <summary>
    /// A whole, non-negative count: "1539", "22,239", "22.239", "22 239", "1.539.000". A separator must be
    /// followed by exactly three digits, so "22,2" is refused rather than guessed.
    /// </summary>
    public static bool TryParseCount(string? raw, out int? value, out string? error)
    {
        value = null;
        error = null;
        var text = Clean(raw);
        if (text is null) return true;
        text = text.Replace(" ", "", StringComparison.Ordinal);
        if (text.StartsWith('-')) { error = $"'{text}' is negative"; return false; }
        string digits;
        if (PlainDigits().IsMatch(text)) digits = text;
        else if (GroupedDigits().IsMatch(text)) digits = text.Replace(",", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);
        else if (WholeDecimal().Match(text) is { Success: true } whole) digits = whole.Groups[1].Value; // "1539.0" from a numeric cell
        else { error = $"'{text}' is not a whole number"; return false; }
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            error = $"'{text}' is too large";
            return false;
        }
        value = parsed;
        return true;
    }

    /// <summary>
    /// A decimal such as a coordinate or a rate: "10.3456", "10,3456" (Vietnamese comma), "60,32%" (percent sign removed).
    /// With both separators present the last one is the decimal mark.
    /// </summary>
    public static bool TryParseDecimal(string? raw, out double? value, out string? error)
    {
        value = null;
        error = null;
        var text = Clean(raw);
        if (text is null) return true;
        text = text.Replace(" ", "", StringComparison.Ordinal).TrimEnd('%');
        var lastComma = text.LastIndexOf(',');
        var lastDot = text.LastIndexOf('.');
        if (lastComma >= 0 && lastDot >= 0)
        {
            var thousands = lastComma > lastDot ? "." : ",";
            text = text.Replace(thousands, "", StringComparison.Ordinal);
        }
        text = text.Replace(',', '.');
        if (double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed)
            && double.IsFinite(parsed))
        {
            value = parsed;
            return true;
        }
        error = $"'{Clean(raw)}' is not a number";
        return false;
    }

    /// <summary>Yes/no as typed: "x", "có", "yes", "true", "1" / "không", "no", "false", "0"; blank is null.</summary>
    public static bool TryParseFlag(string? raw, out bool? value)
    {
        value = null;
        var text = Clean(raw);
        if (text is null) return true;
        switch (UnitNameKey.Fold(text))
        {
            case "x" or "co" or "yes" or "y" or "true" or "1" or "v": value = true; return true;
            case "khong" or "k" or "no" or "n" or "false" or "0" or "-": value = false; return true;
            default: return false;
        }
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"[\s\u00A0\u202F\u2007\u2009\u200B]+")]
    private static partial Regex OddSpace();

    [GeneratedRegex(@"^\d+$")]
    private static partial Regex PlainDigits();

    [GeneratedRegex(@"^\d{1,3}(?:,\d{3})+$|^\d{1,3}(?:\.\d{3})+$")]
    private static partial Regex GroupedDigits();

    [GeneratedRegex(@"^(\d+)[.,]0+$")]
    private static partial Regex WholeDecimal();
}
