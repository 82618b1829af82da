using System.Text;
using DtHub.Api.Features.Import;
using DtHub.Api.Features.Reports;
using DtHub.Api.Tests.Features.Import;
using DtHub.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace DtHub.Api.Tests.Features.Reports;

[Collection(DatabaseCollection.Name)]
public sealed class MonthlyReportTests(HubDatabase hub)
{
    private static readonly DateOnly June2022 = new(2022, 6, 1);

    private async Task<MonthlyReport> June2022ReportAsync()
    {
        await hub.UseEmptyAsync();
        await ImportTestData.SeedWardsAsync(hub);
        var import = ImportTestData.Services(hub).GetRequiredService<ImportService>();
        var result = await import.ImportWardReportAsync(ImportTestData.Utf8(ImportTestData.June2022AsPublished), "t6.csv", June2022);
        Assert.True(result.Accepted, string.Join("\n", result.Errors));
        return await MonthlyReportQuery.LoadAsync(hub.DataSource, June2022);
    }

    [Fact]
    public async Task June_2022_reproduces_the_published_table()
    {
        var report = await June2022ReportAsync();

        Assert.Equal(17, report.Lines.Count);
        Assert.Equal(76_074, report.Households);
        Assert.Equal(309_994, report.Population);
        Assert.Equal(238_200, report.Residents15Plus);
        Assert.Equal(143_674, report.Holders);
        Assert.Equal(60.32m, Math.Round(report.CityRate!.Value * 100, 2));
        Assert.Equal(0.65m, report.CityTarget);
        Assert.Equal(-4.68m, Math.Round(report.CityGap!.Value * 100, 2));
        Assert.Empty(report.Missing);
    }

    [Fact]
    public async Task June_2022_from_the_demo_data_reproduces_the_published_table()
    {
        await hub.UseDemoDataAsync();

        var report = await MonthlyReportQuery.LoadAsync(hub.DataSource, June2022);

        Assert.Equal(17, report.Lines.Count);
        Assert.Equal((76_074, 309_994, 238_200, 143_674), (report.Households, report.Population, report.Residents15Plus, report.Holders));
        Assert.Equal(60.32m, Math.Round(report.CityRate!.Value * 100, 2));
        Assert.False(report.HasSyntheticFigures);
        Assert.NotNull(report.CityTarget);
    }

    [Fact]
    public async Task The_html_page_uses_vietnamese_headings_and_number_formats()
    {
        var report = await June2022ReportAsync();
        var html = await WriteAsync(report, MonthlyReportFormat.Html);

        Assert.Contains("<html lang=\"vi\">", html);
        Assert.Contains("Tổng số nhân khẩu", html);
        Assert.Contains("143.674", html);
        Assert.Contains("309.994", html);
        Assert.Contains("60,32 %", html);
        Assert.Contains("Phường Thắng Nhì", html);
        Assert.Contains("thiếu số hộ", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_csv_has_a_bom_and_machine_numbers_and_the_xlsx_reads_back()
    {
        var report = await June2022ReportAsync();

        using var csv = new MemoryStream();
        await MonthlyReportWriter.WriteAsync(report, MonthlyReportFormat.Csv, csv);
        var bytes = csv.ToArray();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.Contains("Tổng cộng,76074,309994,238200,143674,60.32,65.00,-4.68", text);

        using var xlsx = new MemoryStream();
        await MonthlyReportWriter.WriteAsync(report, MonthlyReportFormat.Xlsx, xlsx);
        xlsx.Position = 0;
        var rows = MiniExcel.Query(xlsx, useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal("Phường, xã", rows[0]["B"]);
        Assert.Equal(19, rows.Count);
        Assert.Equal("Tổng cộng", rows[18]["B"]);
        Assert.Equal(143_674d, Convert.ToDouble(rows[18]["F"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(60.32d, Convert.ToDouble(rows[18]["G"], System.Globalization.CultureInfo.InvariantCulture), 6);
    }

    [Fact]
    public async Task Text_cells_that_look_like_formulas_are_neutralised_in_csv_and_xlsx()
    {
        await hub.UseEmptyAsync();
        await using (var conn = await hub.DataSource.OpenConnectionAsync())
        {
            await ImportTestData.InsertWardAsync(conn, "X1", "=HYPERLINK(\"http://evil\",\"Phường 1\")", "Phuong", ImportTestData.Square(107, 10.3, 0.01), new DateOnly(2020, 1, 1));
            await ImportTestData.InsertWardAsync(conn, "X2", "@SUM(1+1)", "Phuong", ImportTestData.Square(107.01, 10.3, 0.01), new DateOnly(2020, 1, 1));
            await ImportTestData.InsertWardAsync(conn, "X3", "-2+3", "Phuong", ImportTestData.Square(107.02, 10.3, 0.01), new DateOnly(2020, 1, 1));
        }
        var report = await MonthlyReportQuery.LoadAsync(hub.DataSource, June2022);

        var csv = await WriteAsync(report, MonthlyReportFormat.Csv);
        Assert.Contains("'=HYPERLINK", csv);
        Assert.Contains("'@SUM(1+1)", csv);
        Assert.Contains("'-2+3", csv);
        Assert.DoesNotContain(",=HYPERLINK", csv);

        using var xlsx = new MemoryStream();
        await MonthlyReportWriter.WriteAsync(report, MonthlyReportFormat.Xlsx, xlsx);
        xlsx.Position = 0;
        var names = MiniExcel.Query(xlsx, useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>()
            .Skip(1).Take(3).Select(r => (string?)r["B"]).ToList();
        Assert.All(names, n => Assert.StartsWith("'", n));
    }

    [Fact]
    public async Task The_report_is_served_over_http_for_the_web_client()
    {
        await June2022ReportAsync();
        await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("DTHUB_DB", hub.ConnectionString));
        using var client = app.CreateClient();

        var csv = await client.GetAsync("/reports/monthly?month=2022-06&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Contains("143674", await csv.Content.ReadAsStringAsync());

        var html = await client.GetStringAsync("/reports/monthly?month=2022-06&format=html");
        Assert.Contains("60,32 %", html);

        var bad = await client.GetAsync("/reports/monthly?month=June&format=csv");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
    }

    private static async Task<string> WriteAsync(MonthlyReport report, MonthlyReportFormat format)
    {
        using var stream = new MemoryStream();
        await MonthlyReportWriter.WriteAsync(report, format, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
