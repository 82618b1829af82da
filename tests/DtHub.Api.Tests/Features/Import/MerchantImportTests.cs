using System.Globalization;
using System.Text;
using DtHub.Api.Features.Import;
using DtHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace DtHub.Api.Tests.Features.Import;

[Collection(DatabaseCollection.Name)]
public sealed class MerchantImportTests(HubDatabase hub)
{
    private async Task<(ImportService Import, Dictionary<string, int> Wards)> StartAsync()
    {
        await hub.UseEmptyAsync();
        var wards = await ImportTestData.SeedWardsAsync(hub);
        return (ImportTestData.Services(hub).GetRequiredService<ImportService>(), wards);
    }

    private static string At(int ward, double dLon = 0, double dLat = 0)
    {
        var (lon, lat) = ImportTestData.Centre(ward);
        return string.Create(CultureInfo.InvariantCulture, $"{lat + dLat:0.000000};{lon + dLon:0.000000}");
    }

    [Fact]
    public async Task Valid_rows_are_stored_in_the_ward_that_contains_them_and_every_bad_row_is_listed()
    {
        var (import, wards) = await StartAsync();
        var (p1Lon, p1Lat) = ImportTestData.Centre(0);
        var broken = EmvQrTests.VietQr().Replace("970436", "970437", StringComparison.Ordinal);
        var file = $"""
            Tên cơ sở;Loại hình;Địa chỉ;Vĩ độ;Kinh độ;Mã QR;Có giao dịch
            Tạp hóa Cô Ba;Cửa hàng bách hóa;12 Lê Lợi;{At(0)};{EmvQrTests.VietQr()};x
            Nhà hàng Biển Xanh;nhà hàng;;{At(5)};;
            Quán đảo;Restaurant;;{p1Lon.ToString(CultureInfo.InvariantCulture)};{p1Lat.ToString(CultureInfo.InvariantCulture)};;
            Sạp 12;Tiểu thương;Chợ Xóm Lưới;{At(1)};{broken};
            Xa lắm;Khác;;10.9;106.7;;
            Đo sai hệ;Siêu thị;;1145000;712000;;
            Gì đó;Tiệm vàng;;{At(2)};;
            """;

        var result = await import.ImportMerchantsAsync(ImportTestData.Utf8(file, bom: true), "co-so.csv");

        Assert.True(result.Accepted);
        Assert.Equal(2, result.Inserted);
        Assert.Equal(5, result.Rejected);
        Assert.Contains(result.Errors, e => e.Row == 4 && e.Reason.Contains("swapped"));
        Assert.Contains(result.Errors, e => e is { Row: 5, Field: "qr payload" } && e.Reason.Contains("CRC mismatch"));
        Assert.Contains(result.Errors, e => e.Row == 6 && e.Reason.Contains("no current ward"));
        Assert.Contains(result.Errors, e => e.Row == 7 && e.Reason.Contains("not degrees"));
        Assert.Contains(result.Errors, e => e is { Row: 8, Field: "category" });

        Assert.Equal(wards["Phường 1"], await ImportTestData.ScalarAsync(hub, "SELECT ward_id FROM merchants WHERE name = 'Tạp hóa Cô Ba'"));
        Assert.Equal(wards["Phường Thắng Nhì"], await ImportTestData.ScalarAsync(hub, "SELECT ward_id FROM merchants WHERE name = 'Nhà hàng Biển Xanh'"));
        Assert.Equal(1, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM merchants WHERE qr_provider = 'VietQR' AND accepts_qr AND has_transactions AND category = 'GeneralStore'"));
        Assert.Equal(1, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM import_batches WHERE kind = 'merchants'"));
    }

    [Fact]
    public async Task Reimporting_changes_nothing_and_a_changed_row_is_updated_in_place()
    {
        var (import, _) = await StartAsync();
        var file = $"name,category,address,lat,lon\nA,Supermarket,1 Way,{At(3).Replace(';', ',')}\nB,Hotel,2 Way,{At(4).Replace(';', ',')}\n";
        var first = await import.ImportMerchantsAsync(ImportTestData.Utf8(file), "m.csv");
        Assert.Equal(2, first.Inserted);

        var again = await import.ImportMerchantsAsync(ImportTestData.Utf8(file), "m.csv");
        Assert.Equal((0, 0, 2), (again.Inserted, again.Updated, again.Unchanged));
        Assert.Null(again.BatchId);

        var changed = await import.ImportMerchantsAsync(ImportTestData.Utf8(file.Replace("2 Way", "2 Road", StringComparison.Ordinal)), "m2.csv");
        Assert.Equal((0, 1, 1), (changed.Inserted, changed.Updated, changed.Unchanged));
        Assert.Equal(2, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM merchants"));
        Assert.Equal(1, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM merchants WHERE address = '2 Road'"));
    }

    [Fact]
    public async Task An_xlsx_registry_with_english_headers_imports()
    {
        var (import, _) = await StartAsync();
        var (lon, lat) = ImportTestData.Centre(7);
        var rows = new List<Dictionary<string, object?>>
        {
            new() { ["Name"] = "Siêu thị Co.op", ["Category"] = "Siêu thị", ["Latitude"] = lat, ["Longitude"] = lon, ["QR payload"] = EmvQrTests.VietQr("123456789"), ["Provider"] = null },
            new() { ["Name"] = "Lotte Mart", ["Category"] = "mall", ["Latitude"] = lat.ToString("0.000000", CultureInfo.GetCultureInfo("vi-VN")), ["Longitude"] = (lon + 0.001).ToString("0.000000", CultureInfo.GetCultureInfo("vi-VN")), ["QR payload"] = null, ["Provider"] = "VNPay" },
        };
        var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, rows, excelType: ExcelType.XLSX);
        stream.Position = 0;

        var result = await import.ImportMerchantsAsync(stream, "registry.xlsx");

        Assert.True(result.Accepted, string.Join("\n", result.Errors));
        Assert.Equal(2, result.Inserted);
        Assert.Equal(1, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM merchants WHERE category = 'Mall' AND qr_provider = 'VNPay' AND NOT accepts_qr"));
    }

    [Fact]
    public async Task All_or_nothing_mode_writes_nothing_when_a_row_is_bad()
    {
        var (import, _) = await StartAsync();
        var file = $"name,category,lat,lon\nA,Supermarket,{At(3).Replace(';', ',')}\nB,Hotel,107.1,10.3\n";

        var result = await import.ImportMerchantsAsync(ImportTestData.Utf8(file), "m.csv", ImportMode.AllOrNothing);

        Assert.False(result.Accepted);
        Assert.Equal(0, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM merchants"));
        Assert.Equal(0, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM import_batches"));
    }
}
