using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using CsvHelper;
using MiniExcelLibs;

namespace DtHub.Api.Features.Reports;

/// <summary>The formats the monthly report is published in.</summary>
public enum MonthlyReportFormat
{
    Xlsx,
    Csv,
    Html,
}

/// <summary>
/// Writes the monthly report as XLSX (MiniExcel), CSV (CsvHelper, UTF-8 with BOM so Excel shows Vietnamese) or a
/// printable HTML page. Spreadsheet numbers are numbers (invariant culture in CSV); the page uses vi-VN formats.
/// </summary>
public static class MonthlyReportWriter
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    // Vietnamese letters stay readable in the page source; only markup characters are escaped.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly string[] Headings =
    [
        "STT", "Phường, xã", "Tổng số hộ", "Tổng số nhân khẩu", "Số người từ 15 tuổi trở lên",
        "Số người có tài khoản", "Tỷ lệ (%)", "Chỉ tiêu (%)", "Chênh lệch (điểm %)", "Ghi chú",
    ];

    public static bool TryParseFormat(string? text, out MonthlyReportFormat format) =>
        Enum.TryParse(text ?? "xlsx", ignoreCase: true, out format) && Enum.IsDefined(format);

    public static string ContentType(MonthlyReportFormat format) => format switch
    {
        MonthlyReportFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        MonthlyReportFormat.Csv => "text/csv; charset=utf-8",
        _ => "text/html; charset=utf-8",
    };

    public static string FileName(DateOnly month, MonthlyReportFormat format) =>
        $"bao-cao-tai-khoan-{month:yyyy-MM}.{format.ToString().ToLowerInvariant()}";

    public static async Task WriteAsync(MonthlyReport report, MonthlyReportFormat format, Stream output, CancellationToken ct = default)
    {
        switch (format)
        {
            case MonthlyReportFormat.Xlsx:
                await MiniExcel.SaveAsAsync(output, Table(report).ToList(), printHeader: false, sheetName: $"{report.Month:yyyy-MM}",
                    excelType: ExcelType.XLSX, cancellationToken: ct);
                break;
            case MonthlyReportFormat.Csv:
                await WriteCsvAsync(report, output, ct);
                break;
            default:
                var html = Encoding.UTF8.GetBytes(Html(report));
                await output.WriteAsync(html, ct);
                break;
        }
    }

    /// <summary>Heading row, one row per ward, the totals row: cells keyed A, B, … as MiniExcel writes them.</summary>
    private static IEnumerable<Dictionary<string, object?>> Table(MonthlyReport report)
    {
        yield return Cells(Headings);
        var number = 0;
        foreach (var line in report.Lines)
            yield return Cells([++number, SpreadsheetText.Neutralise(line.WardName), line.Households, line.Population, line.Residents15Plus,
                line.Holders, Percent(line.Rate), Percent(line.Target), Percent(line.Gap), SpreadsheetText.Neutralise(Note(line))]);
        yield return Cells([null, "Tổng cộng", report.Households, report.Population, report.Residents15Plus, report.Holders,
            Percent(report.CityRate), Percent(report.CityTarget), Percent(report.CityGap), MissingNote(report)]);
    }

    private static Dictionary<string, object?> Cells(object?[] values) =>
        values.Select((v, i) => (Column: ((char)('A' + i)).ToString(), Value: v)).ToDictionary(c => c.Column, c => c.Value);

    private static async Task WriteCsvAsync(MonthlyReport report, Stream output, CancellationToken ct)
    {
        // Injection handling stays ours: CsvHelper's would also prefix negative gaps like "-4.68".
        var csv = CsvWriter.Create(output, new CsvWriterOptions { WriteByteOrderMark = true }, leaveOpen: true);
        await using (csv)
        {
            foreach (var row in Table(report))
                await csv.WriteRecordAsync(row.Values.Select(v => v switch
                {
                    null => "",
                    string s => s,
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    _ => v.ToString() ?? "",
                }).ToArray(), ct);
            await csv.FlushAsync(ct);
        }
    }

    private static decimal? Percent(decimal? fraction) => fraction is { } f ? Math.Round(f * 100, 2, MidpointRounding.AwayFromZero) : null;

    private static string Note(MonthlyReportLine line)
    {
        if (!line.Reported) return "Chưa báo cáo";
        var notes = new List<string>();
        if (line.Flags.HasFlag(ReportQualityFlags.MissingHouseholds)) notes.Add("thiếu số hộ");
        if (line.Flags.HasFlag(ReportQualityFlags.MissingAccountFigures)) notes.Add("thiếu số liệu tài khoản");
        if (line.Flags.HasFlag(ReportQualityFlags.Residents15PlusExceedPopulation)) notes.Add("số người từ 15 tuổi lớn hơn số nhân khẩu");
        if (line.Flags.HasFlag(ReportQualityFlags.HoldersExceedResidents15Plus)) notes.Add("số người có tài khoản lớn hơn số người từ 15 tuổi");
        if (line.Flags.HasFlag(ReportQualityFlags.MonthOnMonthJump)) notes.Add("biến động lớn so với tháng trước");
        if (line.IsSynthetic) notes.Add("số liệu minh hoạ");
        return notes.Count == 0 ? "" : char.ToUpper(notes[0][0], Vi) + string.Join("; ", notes)[1..];
    }

    private static string MissingNote(MonthlyReport report) =>
        report.Missing.Any() ? $"Chưa báo cáo: {string.Join(", ", report.Missing.Select(l => l.WardName))}" : "";

    /// <summary>"143.674", "60,32 %", "−4,68 điểm" — numbers as Vietnamese readers write them.</summary>
    internal static string Count(int? value) => value is { } v ? v.ToString("N0", Vi) : "";

    internal static string Rate(decimal? fraction) => Percent(fraction) is { } p ? p.ToString("0.00", Vi) + " %" : "";

    private static string Points(decimal? fraction) => Percent(fraction) is { } p ? p.ToString("+0.00;-0.00;0.00", Vi) : "";

    private static string E(string text) => Encoder.Encode(text);

    private static string Html(MonthlyReport report)
    {
        var page = new StringBuilder();
        page.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="vi">
            <head>
            <meta charset="utf-8">
            <title>Báo cáo tỷ lệ người từ 15 tuổi trở lên có tài khoản — tháng {report.Month.Month}/{report.Month.Year}</title>
            <style>
              body {"{"} font-family: "Times New Roman", serif; margin: 2cm; color: #000; {"}"}
              h1 {"{"} font-size: 16pt; text-align: center; text-transform: uppercase; margin-bottom: 0.2em; {"}"}
              p.sub {"{"} text-align: center; margin-top: 0; {"}"}
              table {"{"} border-collapse: collapse; width: 100%; font-size: 11pt; {"}"}
              th, td {"{"} border: 1px solid #000; padding: 4px 6px; {"}"}
              th {"{"} background: #eee; {"}"}
              td.n {"{"} text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; {"}"}
              td.below {"{"} color: #b00; {"}"}
              tr.total td {"{"} font-weight: bold; {"}"}
              .note {"{"} font-size: 10pt; {"}"}
              @media print {"{"} body {"{"} margin: 1cm; {"}"} th {"{"} background: none; {"}"} {"}"}
            </style>
            </head>
            <body>
            <h1>Kết quả người từ 15 tuổi trở lên có tài khoản ngân hàng</h1>
            <p class="sub">Tháng {report.Month.Month}/{report.Month.Year}</p>
            <table>
            <thead><tr>
            """);
        foreach (var heading in Headings) page.Append("<th>").Append(E(heading)).Append("</th>");
        page.Append("</tr></thead>\n<tbody>\n");
        var number = 0;
        foreach (var line in report.Lines)
        {
            page.Append("<tr>")
                .Append("<td class=\"n\">").Append(++number).Append("</td>")
                .Append("<td>").Append(E(line.WardName)).Append("</td>")
                .Append("<td class=\"n\">").Append(Count(line.Households)).Append("</td>")
                .Append("<td class=\"n\">").Append(Count(line.Population)).Append("</td>")
                .Append("<td class=\"n\">").Append(Count(line.Residents15Plus)).Append("</td>")
                .Append("<td class=\"n\">").Append(Count(line.Holders)).Append("</td>")
                .Append("<td class=\"n").Append(line.Gap < 0 ? " below" : "").Append("\">").Append(Rate(line.Rate)).Append("</td>")
                .Append("<td class=\"n\">").Append(Rate(line.Target)).Append("</td>")
                .Append("<td class=\"n\">").Append(Points(line.Gap)).Append("</td>")
                .Append("<td class=\"note\">").Append(E(Note(line))).Append("</td>")
                .Append("</tr>\n");
        }
        page.Append("<tr class=\"total\"><td></td><td>Tổng cộng</td>")
            .Append("<td class=\"n\">").Append(Count(report.Households)).Append("</td>")
            .Append("<td class=\"n\">").Append(Count(report.Population)).Append("</td>")
            .Append("<td class=\"n\">").Append(Count(report.Residents15Plus)).Append("</td>")
            .Append("<td class=\"n\">").Append(Count(report.Holders)).Append("</td>")
            .Append("<td class=\"n\">").Append(Rate(report.CityRate)).Append("</td>")
            .Append("<td class=\"n\">").Append(Rate(report.CityTarget)).Append("</td>")
            .Append("<td class=\"n\">").Append(Points(report.CityGap)).Append("</td>")
            .Append("<td class=\"note\">").Append(E(MissingNote(report))).Append("</td></tr>\n</tbody>\n</table>\n");
        page.Append("<p>Công dân 15 tuổi trở lên có tài khoản ngân hàng đạt tỷ lệ <strong>").Append(Rate(report.CityRate)).Append("</strong>");
        if (report.CityTarget is not null)
            page.Append(" (chỉ tiêu ").Append(Rate(report.CityTarget)).Append(", chênh lệch ").Append(Points(report.CityGap)).Append(" điểm %)");
        page.Append(".</p>\n");
        if (report.HasSyntheticFigures)
            page.Append("<p class=\"note\">Có số liệu minh hoạ (tổng hợp), không phải số liệu báo cáo thực tế.</p>\n");
        page.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">Lập lúc {report.GeneratedAt.ToOffset(TimeSpan.FromHours(7)).ToString("HH:mm 'ngày' dd/MM/yyyy", Vi)} từ dữ liệu của DtHub.</p>\n</body>\n</html>\n");
        return page.ToString();
    }
}
