using System.Globalization;
using DtHub.Api.Features.Import;
using DtHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DtHub.Api.Tests.Features.Import;

[Collection(DatabaseCollection.Name)]
public sealed class WifiImportTests(HubDatabase hub)
{
    [Fact]
    public async Task Wifi_points_land_in_their_ward_and_bad_rows_are_listed()
    {
        await hub.UseEmptyAsync();
        var wards = await ImportTestData.SeedWardsAsync(hub);
        var import = ImportTestData.Services(hub).GetRequiredService<ImportService>();
        var (lon, lat) = ImportTestData.Centre(8);
        string P(double v) => v.ToString("0.000000", CultureInfo.GetCultureInfo("vi-VN"));
        var file = $"""
            Tên điểm,SSID,Nhà mạng,Loại địa điểm,Vĩ độ,Kinh độ,Bán kính (m),Trạng thái
            Bãi Sau,VungTau_Free,VNPT,Bãi biển,"{P(lat)}","{P(lon)}",120,Hoạt động
            Công viên Bãi Trước,VungTau_Free,Viettel,Công viên,"{P(lat + 0.001)}","{P(lon)}",,
            Sai bán kính,X,,,"{P(lat)}","{P(lon + 0.001)}",9000,
            Đảo ngược,X,,,"{P(lon)}","{P(lat)}",50,
            """;

        var result = await import.ImportWifiAsync(ImportTestData.Utf8(file), "wifi.csv");

        Assert.True(result.Accepted);
        Assert.Equal(2, result.Inserted);
        Assert.Contains(result.Errors, e => e is { Row: 4, Field: "radius" } && e.Reason.Contains("1–5000"));
        Assert.Contains(result.Errors, e => e.Row == 5 && e.Reason.Contains("swapped"));
        Assert.Equal(2, await ImportTestData.ScalarAsync(hub, $"SELECT count(*) FROM wifi_points WHERE ward_id = {wards["Phường 9"]}"));
        Assert.Equal(1, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM wifi_points WHERE venue_type = 'Beach' AND radius_meters = 120 AND status = 'Active'"));
        Assert.Equal(1, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM wifi_points WHERE venue_type = 'PublicSpace' AND radius_meters = 50"));

        var again = await import.ImportWifiAsync(ImportTestData.Utf8(file), "wifi.csv");
        Assert.Equal((0, 0, 2), (again.Inserted, again.Updated, again.Unchanged));
    }
}
