using System.Globalization;
using System.Text.RegularExpressions;

namespace DtHub.Api.Features.Import;

/// <summary>One ward's figures as read from a report file, before they are compared with what is stored.</summary>
internal sealed record WardReportRow(int Row, int WardId, string TypedName, int? Households, int? Population, int? Residents15Plus, int? Holders);

/// <summary>
/// Reads a monthly ward-report table in the shape of the June 2022 report: one row per ward with households,
/// residents, residents 15+ and account holders, often with an STT column, a rate column and a totals row.
/// </summary>
internal static partial class WardReportFile
{
    private const string Ward = "ward name", Households = "households", Population = "residents",
        Residents15 = "residents 15+", Holders = "account holders", Rate = "rate", Month = "month";

    // Order matters: "người có tài khoản từ 15 tuổi" is holders, "người trên 15 tuổi" is residents 15+.
    private static readonly HeaderMap.Field[] Fields =
    [
        new(Holders, HeaderMap.Named(["holders", "accountholders", "accountholders15plus", "cotaikhoan"], ["taikhoan", "holder", "account", "vidientu"])),
        new(Residents15, HeaderMap.Named(["residents15plus", "population15plus", "tren15tuoi"], ["15"])),
        new(Households, HeaderMap.Named(["ho", "soho", "tongsoho", "households", "household", "hogiadinh"], ["soho", "household"]), Required: false),
        new(Population, HeaderMap.Named(["population", "residents", "danso", "nhankhau", "tongsonhankhau", "tongdanso"], ["nhankhau", "danso", "population", "resident"])),
        new(Ward, HeaderMap.Named(["ward", "wardname", "name", "unit", "phuong", "phuongxa", "xaphuong", "tenphuong", "tenphuongxa", "donvi", "tendonvi", "ten"], ["tenphuong", "tendonvi", "phuongxa"])),
        new(Rate, HeaderMap.Named(["rate", "tyle", "tile", "ratepercent", "percent"], ["tyle", "tile"]), Required: false),
        new(Month, HeaderMap.Named(["month", "reportmonth", "thang", "kybaocao", "thangbaocao"]), Required: false),
    ];

    private static readonly string[] TotalLabels = ["tong cong", "cong", "tong", "total", "totals", "grand total", "tong so", "toan thanh pho"];

    public static List<WardReportRow> Parse(byte[] content, string fileName, DateOnly month, WardNameIndex wards, ImportResult result)
    {
        var rows = new List<WardReportRow>();
        using var enumerator = TabularFile.Read(content, fileName).GetEnumerator();
        var (map, _, missing) = HeaderMap.Find(enumerator, Fields);
        if (map is null)
        {
            result.Reject(0, null, $"no header row found: the first rows have no column for {string.Join(", ", missing)} " +
                "(expected headings such as 'Tên phường', 'Tổng số hộ', 'Tổng số nhân khẩu', 'Tổng số người trên 15 tuổi', 'Số người có tài khoản')");
            return rows;
        }

        var seen = new Dictionary<int, int>();
        (int Row, int?[] Figures)? totals = null;
        while (enumerator.MoveNext())
        {
            var row = enumerator.Current;
            if (row.IsBlank) continue;
            if (totals is not null)
            {
                // Notes below the totals ("… đạt tỷ lệ 60,32%") are not wards.
                if (CellText.Clean(row[map[Ward]]) is { } late && wards.Find(late).WardId is not null)
                    result.Warnings.Add(new RowIssue(row.Number, Ward, $"'{late}' comes after the totals row and was ignored"));
                continue;
            }
            if (IsTotalRow(row))
            {
                totals = (row.Number, [Count(row, map, Households, null), Count(row, map, Population, null), Count(row, map, Residents15, null), Count(row, map, Holders, null)]);
                continue;
            }

            var errorsBefore = result.Errors.Count;
            if (map.Overflow(row) is { } overflow) { result.Reject(row.Number, null, overflow); continue; }
            var name = CellText.Clean(row[map[Ward]]);
            var households = Count(row, map, Households, result);
            var population = Count(row, map, Population, result);
            var residents15 = Count(row, map, Residents15, result);
            var holders = Count(row, map, Holders, result);
            var anyFigure = households ?? population ?? residents15 ?? holders;

            if (name is null)
            {
                if (anyFigure is null && result.Errors.Count == errorsBefore) continue; // a heading or note line
                result.Reject(row.Number, Ward, "ward name is missing");
                continue;
            }
            var (wardId, error) = wards.Find(name);
            if (wardId is null) { result.Reject(row.Number, Ward, error!); continue; }
            if (seen.TryGetValue(wardId.Value, out var firstRow))
            {
                result.Reject(row.Number, Ward, $"'{name}' is the same ward as row {firstRow}");
                continue;
            }
            seen[wardId.Value] = row.Number;
            if (anyFigure is null && result.Errors.Count == errorsBefore)
                result.Reject(row.Number, null, $"no figures for '{name}'");
            CheckMonth(row, map, month, result);
            CheckRate(row, map, residents15, holders, result);
            if (result.Errors.Count == errorsBefore)
                rows.Add(new WardReportRow(row.Number, wardId.Value, name, households, population, residents15, holders));
        }

        if (totals is { } t && result.Errors.Count == 0) CheckTotals(t.Row, t.Figures, rows, result);
        return rows;
    }

    private static bool IsTotalRow(TableRow row) =>
        row.Cells.Any(c => CellText.Clean(c) is { } text && TotalLabels.Contains(UnitNameKey.Fold(text)));

    private static int? Count(TableRow row, HeaderMap map, string field, ImportResult? result)
    {
        if (!map.Has(field)) return null;
        if (CellText.TryParseCount(row[map[field]], out var value, out var error)) return value;
        result?.Reject(row.Number, field, error!);
        return null;
    }

    private static void CheckMonth(TableRow row, HeaderMap map, DateOnly month, ImportResult result)
    {
        if (!map.Has(Month) || CellText.Clean(row[map[Month]]) is not { } typed) return;
        var parsed = ParseMonth(typed);
        if (parsed is null) result.Reject(row.Number, Month, $"'{typed}' is not a month (write YYYY-MM)");
        else if (parsed != month) result.Reject(row.Number, Month, $"row is for {parsed:yyyy-MM}, the import is for {month:yyyy-MM}");
    }

    /// <summary>"2022-06", "06/2022", "6/2022", "T6/2022", "tháng 6/2022", or a date within the month.</summary>
    public static DateOnly? ParseMonth(string typed)
    {
        var text = UnitNameKey.Fold(typed);
        if (IsoMonth().Match(text) is { Success: true } iso) return Make(iso.Groups[1].Value, iso.Groups[2].Value);
        if (MonthYear().Match(text) is { Success: true } my) return Make(my.Groups[2].Value, my.Groups[1].Value);
        return null;

        static DateOnly? Make(string year, string month) =>
            int.Parse(month, CultureInfo.InvariantCulture) is >= 1 and <= 12 and var m ? new DateOnly(int.Parse(year, CultureInfo.InvariantCulture), m, 1) : null;
    }

    private static void CheckRate(TableRow row, HeaderMap map, int? residents15, int? holders, ImportResult result)
    {
        if (!map.Has(Rate) || CellText.Clean(row[map[Rate]]) is not { } typed) return;
        if (!CellText.TryParseDecimal(typed, out var rate, out _) || rate is null)
        {
            result.Warnings.Add(new RowIssue(row.Number, Rate, $"'{typed}' is not a rate; the rate is computed from holders and residents 15+"));
            return;
        }
        if (residents15 is not > 0 || holders is null) return;
        var percent = rate <= 1 && !typed.Contains('%') ? rate.Value * 100 : rate.Value;
        var computed = 100.0 * holders.Value / residents15.Value;
        if (Math.Abs(percent - computed) > 0.05)
            result.Warnings.Add(new RowIssue(row.Number, Rate, $"typed rate {typed} differs from holders / residents 15+ = {computed:0.00}%; the computed rate is used"));
    }

    private static void CheckTotals(int totalRow, int?[] typed, List<WardReportRow> rows, ImportResult result)
    {
        string[] names = [Households, Population, Residents15, Holders];
        int[] sums =
        [
            rows.Sum(r => r.Households ?? 0), rows.Sum(r => r.Population ?? 0),
            rows.Sum(r => r.Residents15Plus ?? 0), rows.Sum(r => r.Holders ?? 0),
        ];
        for (var i = 0; i < names.Length; i++)
            if (typed[i] is { } total && total != sums[i])
                result.Warnings.Add(new RowIssue(totalRow, names[i], $"totals row says {total}, the wards add up to {sums[i]}"));
    }

    [GeneratedRegex(@"^(\d{4}) (\d{1,2})(?: \d{1,2})?$")]
    private static partial Regex IsoMonth();

    [GeneratedRegex(@"^(?:(?:thang|t) ?)?(?:\d{1,2} )?(\d{1,2}) (\d{4})$")]
    private static partial Regex MonthYear();
}
