using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DtHub.Api.Features.Wards;

namespace DtHub.Api.Features.Import;

/// <summary>
/// The key two spellings of one unit's name share: "Thắng nhì", "P. Thắng Nhì" and "Phường Thắng Nhì" all give
/// "thangnhi"; "P.7", "Phường 07" and "7" give "7"; "Xã Long Sơn" and "Long Sơn" give "longson".
/// The prefix, when typed, is kept apart as the unit's kind so it can break a tie.
/// </summary>
public static partial class UnitNameKey
{
    /// <summary>Lower case, without diacritics (đ → d), punctuation turned into single spaces.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Trim().ToLowerInvariant().Replace('đ', 'd').Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark) continue;
            folded.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }
        return Spaces().Replace(folded.ToString(), " ").Trim();
    }

    /// <summary>The matching key and the kind the prefix names (null when none was typed).</summary>
    public static (string Key, WardKind? Kind) Of(string name)
    {
        var folded = Fold(CellText.Clean(name) ?? "");
        WardKind? kind = null;
        var match = Prefix().Match(folded);
        if (match.Success && match.Length < folded.Length)
        {
            kind = match.Groups[1].Value is "xa" or "x" ? WardKind.Xa : WardKind.Phuong;
            folded = folded[match.Length..];
        }
        else if (GluedNumber().Match(folded) is { Success: true } glued)
        {
            kind = WardKind.Phuong; // "P7"
            folded = glued.Groups[1].Value;
        }
        var key = string.Concat(folded.Split(' ').Select(t => t.All(char.IsAsciiDigit) ? t.TrimStart('0').PadLeft(1, '0') : t));
        return (key, kind);
    }

    [GeneratedRegex(@"^(phuong|p|xa|x|thi tran|tt) ")]
    private static partial Regex Prefix();

    [GeneratedRegex(@"^p(\d+)$")]
    private static partial Regex GluedNumber();

    [GeneratedRegex(" +")]
    private static partial Regex Spaces();
}

/// <summary>Finds the unit a typed name means among the units valid at one time.</summary>
public sealed class WardNameIndex
{
    private readonly ILookup<string, (int Id, string Name, WardKind Kind)> _byKey;

    public WardNameIndex(IEnumerable<(int Id, string Name, WardKind Kind)> wards) =>
        _byKey = wards.ToLookup(w => UnitNameKey.Of(w.Name).Key, StringComparer.Ordinal);

    /// <summary>The ward's id, or an error naming what matched (none, or the candidates).</summary>
    public (int? WardId, string? Error) Find(string typed)
    {
        var (key, kind) = UnitNameKey.Of(typed);
        if (key.Length == 0) return (null, "ward name is empty");
        var candidates = _byKey[key].ToList();
        if (candidates.Count > 1 && kind is not null) candidates = candidates.Where(c => c.Kind == kind).ToList();
        return candidates.Count switch
        {
            1 => (candidates[0].Id, null),
            0 => (null, $"'{typed}' matches no ward valid in this period"),
            _ => (null, $"'{typed}' matches several wards: {string.Join(", ", candidates.Select(c => c.Name))}; write the full name"),
        };
    }
}
