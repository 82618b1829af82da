using DtHub.Api.Features.Import;
using DtHub.Api.Features.Reports;
using DtHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace DtHub.Api.Tests.Features.Import;

[Collection(DatabaseCollection.Name)]
public sealed class WardReportImportTests(HubDatabase hub)
{
    private static readonly DateOnly June2022 = new(2022, 6, 1);

    private async Task<(ImportService Import, Dictionary<string, int> Wards)> StartAsync(double? jumpShare = null)
    {
        await hub.UseEmptyAsync();
        var wards = await ImportTestData.SeedWardsAsync(hub);
        return (ImportTestData.Services(hub, jumpShare).GetRequiredService<ImportService>(), wards);
    }

    [Fact]
    public async Task The_published_June_2022_table_imports_with_its_markup_separators_blanks_and_totals_row()
    {
        var (import, wards) = await StartAsync();

        var result = await import.ImportWardReportAsync(ImportTestData.Utf8(ImportTestData.June2022AsPublished), "bao-cao-t6.csv", June2022);

        Assert.True(result.Accepted, string.Join("\n", result.Errors));
        Assert.Empty(result.Errors);
        Assert.Equal(17, result.Inserted);
        Assert.DoesNotContain(result.Warnings, w => w.Reason.Contains("totals row says"));
        Assert.Equal(76_074, await ImportTestData.ScalarAsync(hub, "SELECT sum(households) FROM ward_reports"));
        Assert.Equal(309_994, await ImportTestData.ScalarAsync(hub, "SELECT sum(population) FROM ward_reports"));
        Assert.Equal(238_200, await ImportTestData.ScalarAsync(hub, "SELECT sum(residents15plus) FROM ward_reports"));
        Assert.Equal(143_674, await ImportTestData.ScalarAsync(hub, "SELECT sum(account_holders15plus) FROM ward_reports"));

        // Thắng Nhì: no households, more residents 15+ than residents — stored, flagged, not dropped.
        var thangNhi = (ReportQualityFlags)await ImportTestData.ScalarAsync(hub, $"SELECT quality_flags FROM ward_reports WHERE ward_id = {wards["Phường Thắng Nhì"]}");
        Assert.Equal(ReportQualityFlags.MissingHouseholds | ReportQualityFlags.Residents15PlusExceedPopulation, thangNhi);
        Assert.Equal(2, result.Flagged);
        Assert.Equal(1, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM import_batches WHERE kind = 'ward-report' AND length(content) > 0"));
    }

    [Fact]
    public async Task An_xlsx_with_english_headers_name_variants_and_vietnamese_decimals_imports()
    {
        var (import, wards) = await StartAsync();
        var rows = new List<Dictionary<string, object?>>
        {
            Row("Phường 07", "5.891", "19.256", "14.565", "12.919", "88,70%"),
            Row("**Thắng Nhất**", 8490, 34719, "24 373", 11901, "48,83%"),
            Row("P. Thắng Nhì", null, "22,239", "24,146", "15,243", null),
            Row("Long Sơn", "", 7364, 4863, 2476, "50.92 %"),
            Row("Cộng", 19_881, 83_578, 67_957, 42_539, null), // these totals do not add up: a warning, not an error
        };

        var result = await import.ImportWardReportAsync(Xlsx(rows), "wards.xlsx", June2022);

        Assert.True(result.Accepted, string.Join("\n", result.Errors));
        Assert.Equal(4, result.Inserted);
        Assert.Equal(12_919, await ImportTestData.ScalarAsync(hub, $"SELECT account_holders15plus FROM ward_reports WHERE ward_id = {wards["Phường 7"]}"));
        Assert.Equal(24_373, await ImportTestData.ScalarAsync(hub, $"SELECT residents15plus FROM ward_reports WHERE ward_id = {wards["Phường Thắng Nhất"]}"));
        Assert.Equal(1, await ImportTestData.ScalarAsync(hub, $"SELECT count(*) FROM ward_reports WHERE ward_id = {wards["Xã Long Sơn"]} AND households IS NULL"));
        Assert.Contains(result.Warnings, w => w.Row == 6 && w.Reason.Contains("totals row says"));

        static Dictionary<string, object?> Row(string ward, object? households, object? residents, object? residents15, object? holders, string? rate) => new()
        {
            ["Ward"] = ward, ["Households"] = households, ["Residents"] = residents,
            ["Residents 15+"] = residents15, ["Account holders"] = holders, ["Rate"] = rate,
        };
    }

    [Fact]
    public async Task The_published_table_matches_the_demo_wards_by_name_and_changes_none_of_their_figures()
    {
        await hub.UseDemoDataAsync(willWrite: true);
        var import = ImportTestData.Services(hub).GetRequiredService<ImportService>();
        var reportsBefore = await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM ward_reports");

        var result = await import.ImportWardReportAsync(ImportTestData.Utf8(ImportTestData.June2022AsPublished), "t6.csv", June2022);

        Assert.True(result.Accepted, string.Join("\n", result.Errors));
        Assert.Equal((0, 0, 17), (result.Inserted, result.Updated, result.Unchanged));
        Assert.Equal(reportsBefore, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM ward_reports"));
    }

    [Fact]
    public async Task Reimporting_the_same_file_changes_nothing()
    {
        var (import, _) = await StartAsync();
        await import.ImportWardReportAsync(ImportTestData.Utf8(ImportTestData.June2022AsPublished), "t6.csv", June2022);
        var versionBefore = await ImportTestData.ScalarAsync(hub, "SELECT version FROM data_version");

        var again = await import.ImportWardReportAsync(ImportTestData.Utf8(ImportTestData.June2022AsPublished), "t6-again.csv", June2022);

        Assert.True(again.Accepted);
        Assert.True(again.AlreadyImported);
        Assert.Equal((0, 0, 17), (again.Inserted, again.Updated, again.Unchanged));
        Assert.Null(again.BatchId);
        Assert.Equal(17, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM ward_reports"));
        Assert.Equal(1, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM import_batches"));
        Assert.Equal(versionBefore, await ImportTestData.ScalarAsync(hub, "SELECT version FROM data_version"));
    }

    [Fact]
    public async Task A_corrected_file_supersedes_the_changed_wards_and_history_keeps_both()
    {
        var (import, wards) = await StartAsync();
        await import.ImportWardReportAsync(ImportTestData.Utf8(ImportTestData.June2022AsPublished), "t6.csv", June2022);
        var corrected = ImportTestData.June2022AsPublished.Replace("<b>Thắng nhì</b>\t\t22,239", "<b>Thắng nhì</b>\t5.210\t22,239", StringComparison.Ordinal);

        var result = await import.ImportWardReportAsync(ImportTestData.Utf8(corrected), "t6-corrected.csv", June2022);

        Assert.True(result.Accepted, string.Join("\n", result.Errors));
        Assert.Equal((0, 1, 16), (result.Inserted, result.Updated, result.Unchanged));
        var thangNhi = wards["Phường Thắng Nhì"];
        Assert.Equal(2, await ImportTestData.ScalarAsync(hub, $"SELECT count(*) FROM ward_reports WHERE ward_id = {thangNhi}"));
        Assert.Equal(1, await ImportTestData.ScalarAsync(hub, $"SELECT count(*) FROM ward_reports WHERE ward_id = {thangNhi} AND superseded_at IS NOT NULL AND households IS NULL"));
        Assert.Equal(5210, await ImportTestData.ScalarAsync(hub, $"SELECT households FROM ward_reports WHERE ward_id = {thangNhi} AND superseded_at IS NULL"));
        Assert.Equal(2, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM import_batches"));
    }

    [Fact]
    public async Task A_file_with_bad_rows_is_rejected_whole_with_every_row_field_and_reason_and_nothing_is_written()
    {
        var (import, _) = await StartAsync();
        await import.ImportWardReportAsync(ImportTestData.Utf8(ImportTestData.June2022AsPublished), "t6.csv", June2022);
        var reportsBefore = await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM ward_reports");
        var broken = """
            Tên phường;Số hộ;Dân số;Dân số từ 15 tuổi;Số người có tài khoản
            Phường 1;1600;5700;4600;2700
            Phường 6;1;2;3;4
            Phường 2;2,8;10944;7612;5354
            Thắng Tam;2499;9470;7602;-3
            """;

        var result = await import.ImportWardReportAsync(ImportTestData.Utf8(broken), "t6-fix.csv", June2022);

        Assert.False(result.Accepted);
        Assert.Equal(3, result.Rejected);
        Assert.Contains(result.Errors, e => e is { Row: 3, Field: "ward name" } && e.Reason.Contains("matches no ward"));
        Assert.Contains(result.Errors, e => e is { Row: 4, Field: "households" } && e.Reason.Contains("not a whole number"));
        Assert.Contains(result.Errors, e => e is { Row: 5, Field: "account holders" } && e.Reason.Contains("negative"));
        Assert.Equal(reportsBefore, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM ward_reports"));
        Assert.Equal(0, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM ward_reports WHERE superseded_at IS NOT NULL"));
        Assert.Equal(1, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM import_batches"));
    }

    [Fact]
    public async Task Accept_valid_rows_mode_stores_the_good_rows_and_lists_the_bad()
    {
        var (import, _) = await StartAsync();
        var mixed = "Phường,Hộ,Nhân khẩu,Trên 15 tuổi,Có tài khoản\nPhường 1,1539,5688,4521,2629\nPhường 99,1,2,3,4\n";

        var result = await import.ImportWardReportAsync(ImportTestData.Utf8(mixed), "mixed.csv", June2022, ImportMode.AcceptValidRows);

        Assert.True(result.Accepted);
        Assert.Equal(1, result.Inserted);
        Assert.Equal(1, result.Rejected);
        Assert.Equal(1, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM ward_reports"));
    }

    [Fact]
    public async Task A_jump_beyond_the_configured_share_since_last_month_is_flagged()
    {
        var (import, wards) = await StartAsync(jumpShare: 0.3);
        await import.ImportWardReportAsync(ImportTestData.Utf8(ImportTestData.June2022AsPublished), "t6.csv", June2022);
        var july = "Phường,Hộ,Nhân khẩu,Trên 15 tuổi,Có tài khoản\nPhường 1,1539,5688,4521,2700\nPhường 4,4704,22806,18737,9000\n";

        var result = await import.ImportWardReportAsync(ImportTestData.Utf8(july), "t7.csv", new DateOnly(2022, 7, 1));

        Assert.True(result.Accepted);
        var flags = (ReportQualityFlags)await ImportTestData.ScalarAsync(hub, $"SELECT quality_flags FROM ward_reports WHERE ward_id = {wards["Phường 4"]} AND month = '2022-07-01'");
        Assert.True(flags.HasFlag(ReportQualityFlags.MonthOnMonthJump));
        var calm = (ReportQualityFlags)await ImportTestData.ScalarAsync(hub, $"SELECT quality_flags FROM ward_reports WHERE ward_id = {wards["Phường 1"]} AND month = '2022-07-01'");
        Assert.Equal(ReportQualityFlags.None, calm);
    }

    [Fact]
    public async Task Unquoted_thousands_separators_in_a_comma_separated_file_are_refused_not_shifted()
    {
        var (import, _) = await StartAsync();
        var shifted = "Phường,Hộ,Nhân khẩu,Trên 15 tuổi,Có tài khoản\nPhường 7,5,891,19,256,14,565,12,919\nPhường 1,1539,5688,4521,2629\n";

        var result = await import.ImportWardReportAsync(ImportTestData.Utf8(shifted), "shifted.csv", June2022);

        Assert.False(result.Accepted);
        Assert.Contains(result.Errors, e => e.Row == 2 && e.Reason.Contains("thousands separator"));
        Assert.Equal(0, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM ward_reports"));
    }

    [Fact]
    public async Task A_file_without_a_recognisable_header_says_which_columns_are_missing()
    {
        var (import, _) = await StartAsync();
        var result = await import.ImportWardReportAsync(ImportTestData.Utf8("a,b,c\n1,2,3\n"), "junk.csv", June2022);
        Assert.False(result.Accepted);
        Assert.Contains("ward name", result.Errors.Single().Reason);
    }

    private static MemoryStream Xlsx(List<Dictionary<string, object?>> rows)
    {
        var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, rows, excelType: ExcelType.XLSX);
        stream.Position = 0;
        return stream;
    }
}
