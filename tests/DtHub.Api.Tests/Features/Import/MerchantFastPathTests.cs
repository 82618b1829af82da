using System.Globalization;
using DtHub.Api.Features.Import;
using DtHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DtHub.Api.Tests.Features.Import;

/// <summary>
/// Plain CSV rows are validated on their bytes (the fast path) and everything else as text (the general path):
/// both must store the same merchant, find the same duplicates and refuse the same rows.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class MerchantFastPathTests(HubDatabase hub)
{
    /// <summary>"lat,lon" of a point near the centre of a test ward, seven decimals.</summary>
    private static string Point(int ward, double dLon)
    {
        var (lon, lat) = ImportTestData.Centre(ward);
        return string.Create(CultureInfo.InvariantCulture, $"{lat:0.0000000},{lon + dLon:0.0000000}");
    }

    [Fact]
    public async Task A_registry_typed_with_markup_decimal_commas_and_Vietnamese_yes_no_stores_what_the_plain_registry_stored()
    {
        await hub.UseEmptyAsync();
        await ImportTestData.SeedWardsAsync(hub);
        var import = ImportTestData.Services(hub).GetRequiredService<ImportService>();
        var qr = EmvQrTests.VietQr();
        // "lat;lon" for a ';' file, with a dot or a Vietnamese decimal comma.
        string At(int ward, double dLon, string mark) => Point(ward, dLon).Replace(",", ";", StringComparison.Ordinal).Replace(".", mark, StringComparison.Ordinal);
        var plain = $""""
            name;category;address;lat;lon;qr;accepts qr;has transactions;website
            Tạp hóa Cô Ba;Cửa hàng bách hóa;12 Lê Lợi;{At(0, 0, ".")};{qr};x;1;
            Nhà hàng Biển Xanh;nhà hàng;;{At(5, 0.001, ".")};;0;no;https://bienxanh.vn
            "Quán ""Gió""";Restaurant;3 Trần Phú;{At(7, 0.002, ".")};;;;
            """";
        var typed = $""""
            name;category;address;lat;lon;qr;accepts qr;has transactions;website
            <b>Tạp hóa Cô Ba</b>;  Cửa hàng bách hóa ;12  Lê Lợi;{At(0, 0, ",")};{qr} ;có;có;
            **Nhà hàng Biển Xanh**;Nhà Hàng;<br>;{At(5, 0.001, ",")};;không;không;https://bienxanh.vn
            "<b>Quán ""Gió""</b>";Restaurant;3 Trần Phú;{At(7, 0.002, ",")};;;;
            """";

        var first = await import.ImportMerchantsAsync(ImportTestData.Utf8(plain), "plain.csv");
        Assert.True(first.Accepted, string.Join("\n", first.Errors));
        Assert.Equal(3, first.Inserted);

        var second = await import.ImportMerchantsAsync(ImportTestData.Utf8(typed), "typed.csv");
        Assert.True(second.Accepted, string.Join("\n", second.Errors));
        Assert.Empty(second.Errors);
        Assert.Equal((0, 0, 3), (second.Inserted, second.Updated, second.Unchanged));
        Assert.Equal(1, await ImportTestData.ScalarAsync(hub,
            "SELECT count(*) FROM merchants WHERE name = 'Quán \"Gió\"' AND address = '3 Trần Phú' AND category = 'Restaurant' AND NOT accepts_qr"));
        Assert.Equal(1, await ImportTestData.ScalarAsync(hub,
            "SELECT count(*) FROM merchants WHERE name = 'Tạp hóa Cô Ba' AND qr_provider = 'VietQR' AND accepts_qr AND has_transactions"));
    }

    [Fact]
    public async Task The_same_merchant_twice_is_refused_at_its_later_row_however_it_was_typed()
    {
        await hub.UseEmptyAsync();
        await ImportTestData.SeedWardsAsync(hub);
        var import = ImportTestData.Services(hub).GetRequiredService<ImportService>();
        var file = $"""
            name,category,lat,lon
            Quán A,Restaurant,{Point(1, 0)}
            Quán B,Restaurant,{Point(1, 0)}
            Quán A,Hotel,{Point(1, 0)}
            <i>Quán B</i>,Restaurant,{Point(1, 0)}
            Quán A,Restaurant,{Point(1, 0.0001)}
            """;

        var result = await import.ImportMerchantsAsync(ImportTestData.Utf8(file), "dup.csv");

        Assert.True(result.Accepted);
        Assert.Equal(3, result.Inserted);
        Assert.Equal([4, 5], result.Errors.Select(e => e.Row));
        Assert.All(result.Errors, e => Assert.Contains("appears earlier in the file", e.Reason, StringComparison.Ordinal));
        Assert.Contains("'Quán B'", result.Errors[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_row_with_cells_beyond_the_header_or_a_bad_value_is_refused_with_the_general_paths_reason()
    {
        await hub.UseEmptyAsync();
        await ImportTestData.SeedWardsAsync(hub);
        var import = ImportTestData.Services(hub).GetRequiredService<ImportService>();
        var file = $"""
            name,category,lat,lon,accepts qr
            Quán A,Restaurant,{Point(2, 0)},x
            Quán B,Restaurant,{Point(2, 0.001)},x,22
            Quán C,Restaurant,{Point(2, 0.002)},maybe
            Quán D,Restaurant,10.2,{ImportTestData.Centre(2).Lon.ToString(CultureInfo.InvariantCulture)},
            ,Restaurant,{Point(2, 0.003)},
            ,,,,
            """;

        var result = await import.ImportMerchantsAsync(ImportTestData.Utf8(file), "bad.csv");

        Assert.Equal(1, result.Inserted);
        Assert.Equal([3, 4, 5, 6], result.Errors.Select(e => e.Row));
        Assert.Contains("header has 5", result.Errors[0].Reason, StringComparison.Ordinal);
        Assert.Equal("accepts qr", result.Errors[1].Field);
        Assert.Contains("no current ward", result.Errors[2].Reason, StringComparison.Ordinal);
        Assert.Equal("name is missing", result.Errors[3].Reason);
    }

    [Fact]
    public async Task A_bulk_import_turns_the_foreign_key_checks_back_on_and_they_still_refuse_a_missing_ward()
    {
        await hub.UseEmptyAsync();
        await ImportTestData.SeedWardsAsync(hub);
        var import = new ServiceCollection().AddSingleton(hub.DataSource).AddHubImportServices().AddLogging()
            .Configure<ImportOptions>(o => o.BulkAuditRows = 1).BuildServiceProvider().GetRequiredService<ImportService>();

        var result = await import.ImportMerchantsAsync(ImportTestData.Utf8($"name,lat,lon\nQuán A,{Point(3, 0)}\nQuán B,{Point(4, 0)}\n"), "bulk.csv");

        Assert.Equal(2, result.Inserted);
        Assert.Equal(0, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'merchants'::regclass AND tgenabled = 'D'"));
        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => ImportTestData.ScalarAsync(hub, """
            WITH m AS (INSERT INTO merchants (name, category, location, ward_id, accepts_qr, has_transactions, has_e_invoice, is_synthetic, updated_at)
                       VALUES ('X', 'Other', ST_SetSRID(ST_MakePoint(107, 10), 4326), -1, false, false, false, false, now()) RETURNING 1)
            SELECT count(*) FROM m
            """));
        Assert.Equal("23503", refused.SqlState); // foreign_key_violation
    }
}
