using System.Globalization;
using System.Text;
using DtHub.Api.Features.Import;
using DtHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DtHub.Api.Tests.Features.Import;

/// <summary>
/// The 17 Vũng Tàu units of 2022 as simple squares on a 6-column grid (0.02° a side, from 107.00 E / 10.30 N),
/// enough to test name matching and point-in-ward without the demo seeder.
/// </summary>
internal static class ImportTestData
{
    public static readonly string[] WardNames =
    [
        "Phường 1", "Phường 2", "Phường 3", "Phường 4", "Phường 5", "Phường Thắng Nhì", "Phường 7", "Phường 8", "Phường 9",
        "Phường 10", "Phường 11", "Phường 12", "Phường Thắng Nhất", "Phường Thắng Tam", "Phường Nguyễn An Ninh", "Phường Rạch Dừa", "Xã Long Sơn",
    ];

    public const double Side = 0.02;

    /// <summary>The centre of the k-th ward's square (0-based, in <see cref="WardNames"/> order).</summary>
    public static (double Lon, double Lat) Centre(int k) => (107.00 + (k % 6) * Side + Side / 2, 10.30 + (k / 6) * Side + Side / 2);

    public static string Square(double lon, double lat, double side) => string.Create(CultureInfo.InvariantCulture,
        $"MULTIPOLYGON((({lon} {lat},{lon + side} {lat},{lon + side} {lat + side},{lon} {lat + side},{lon} {lat})))");

    /// <summary>Inserts the 17 wards (valid from 2020-01-01) and the city target of 65 %; returns their ids by name.</summary>
    public static async Task<Dictionary<string, int>> SeedWardsAsync(HubDatabase hub)
    {
        var ids = new Dictionary<string, int>();
        await using var conn = await hub.DataSource.OpenConnectionAsync();
        for (var k = 0; k < WardNames.Length; k++)
        {
            var (lon, lat) = Centre(k);
            ids[WardNames[k]] = await InsertWardAsync(conn, $"VT{k + 1:00}", WardNames[k], WardNames[k].StartsWith("Xã", StringComparison.Ordinal) ? "Xa" : "Phuong",
                Square(lon - Side / 2, lat - Side / 2, Side), new DateOnly(2020, 1, 1));
        }
        await using var target = new NpgsqlCommand("""
            INSERT INTO targets (indicator, description_vi, description_en, scope, scope_label, value, deadline, source_file)
            VALUES ('account_ownership_15plus', 'Tỷ lệ người từ 15 tuổi trở lên có tài khoản', 'Residents 15+ with an account',
                    'City', 'city (Vũng Tàu)', 0.65, '2022-12-31', '004_fedd277583d800c4.txt')
            """, conn);
        await target.ExecuteNonQueryAsync();
        return ids;
    }

    public static async Task<int> InsertWardAsync(NpgsqlConnection conn, string code, string name, string kind, string wkt, DateOnly validFrom, DateOnly? validTo = null)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO wards (code, name, kind, geometry, label_point, valid_from, valid_to, is_synthetic, updated_at)
            VALUES (@code, @name, @kind, ST_GeomFromText(@wkt, 4326), ST_PointOnSurface(ST_GeomFromText(@wkt, 4326)), @from, @to, true, now())
            RETURNING id
            """, conn);
        cmd.Parameters.AddWithValue("code", code);
        cmd.Parameters.AddWithValue("name", name);
        cmd.Parameters.AddWithValue("kind", kind);
        cmd.Parameters.AddWithValue("wkt", wkt);
        cmd.Parameters.AddWithValue("from", validFrom);
        cmd.Parameters.AddWithValue("to", (object?)validTo ?? DBNull.Value);
        return (int)(await cmd.ExecuteScalarAsync())!;
    }

    public static ServiceProvider Services(HubDatabase hub, double? jumpShare = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(hub.DataSource);
        services.AddHubImportServices();
        if (jumpShare is { } share) services.Configure<ImportOptions>(o => o.MonthOnMonthJumpShare = share);
        services.AddLogging();
        return services.BuildServiceProvider();
    }

    public static MemoryStream Utf8(string text, bool bom = false) =>
        new((bom ? Encoding.UTF8.GetPreamble() : []).Concat(Encoding.UTF8.GetBytes(text)).ToArray());

    public static async Task<long> ScalarAsync(HubDatabase hub, string sql)
    {
        await using var cmd = hub.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>The June 2022 table as it appears in the published report (seed 004): bold tags, both separators, blanks, totals.</summary>
    public const string June2022AsPublished = """
        STT	Tên Phường	Tổng số hộ	Tổng số nhân khẩu	Tổng số người trên 15 tuổi	Tổng số người có tài khoản ngân hàng/ ví điện tử
        1	<b>1</b>	1539	5688	4521	2629
        2	<b>2</b>	2728	10944	7612	5354
        3	<b>3</b>	5096	19168	12341	8406
        4	<b>4</b>	4704	22806	18737	5874
        5	<b>5</b>	<b>2412</b>	<b>7236</b>	<b>6848</b>	<b>5060</b>
        6	<b>Thắng nhì</b>		22,239	24,146	15,243
        7	<b>7</b>	5,891	19,256	14,565	12,919
        8	<b>8</b>	4,406	17,924	13,668	10,774
        9	<b>9</b>	3495	12784	9587	6256
        10	<b>10</b>	8301	27634	19344	8709
        11	<b>11</b>	7577	30067	23156	16191
        12	<b>12</b>	9006	31,504	23,628	12,452
        13	<b>Thắng Nhất</b>	8490	34719	24373	11901
        14	<b>Thắng Tam</b>	2499	9470	7602	5113
        15	<b>Nguyễn An Ninh</b>	4275	11327	11327	6695
        16	<b>Rạch Dừa</b>	5,655	19,864	11,882	7,622
        17	<b>Xã Long Sơn</b>		7,364	4863	2476
        <b>Tổng cộng</b>		<b>76,074</b>	<b>309,994</b>	<b>238,200</b>	<b>143,674</b>
        Công dân 15 tuổi trở lên có tài khoản ngân hàng đạt tỷ lệ					<b>60.32%</b>
        """;
}
