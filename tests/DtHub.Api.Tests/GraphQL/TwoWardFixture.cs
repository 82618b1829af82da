using DtHub.Api.Data;
using DtHub.Api.Features.Merchants;
using DtHub.Api.Features.Neighborhoods;
using DtHub.Api.Features.Reports;
using DtHub.Api.Features.Wards;
using DtHub.Api.Features.Wifi;
using NetTopologySuite.Geometries;

namespace DtHub.Api.Tests.GraphQL;

/// <summary>
/// Two square wards side by side near Vũng Tàu and merchants at known distances east of an origin, so
/// spatial filters can be checked against hand-computed metres: at latitude 10.305° one degree of longitude
/// is 109,535.6 m on WGS 84 (π/180 · a · cos φ / √(1 − e² sin² φ)).
/// </summary>
internal static class TwoWardFixture
{
    public const double OriginLon = 107.002;
    public const double Lat = 10.305;
    public const double MetresPerDegreeLon = 109_535.6;

    private static readonly GeometryFactory Geo = new(new PrecisionModel(), SpatialConventions.Srid);

    public static Point Origin => Geo.CreatePoint(new Coordinate(OriginLon, Lat));

    public static Point East(double metres) => Geo.CreatePoint(new Coordinate(OriginLon + metres / MetresPerDegreeLon, Lat));

    public static async Task SeedAsync(HubDbContext db)
    {
        var now = DateTimeOffset.Parse("2024-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var west = Ward("W01", "Phường Thắng Nhì", WardKind.Phuong, 107.00, 107.01, now);
        var east = Ward("E01", "Xã Long Sơn", WardKind.Xa, 107.01, 107.02, now);
        db.Wards.AddRange(west, east);
        await db.SaveChangesAsync();

        db.Neighborhoods.Add(new Neighborhood
        {
            WardId = west.Id,
            Code = "W01-1",
            Name = "Khu phố 1",
            Kind = NeighborhoodKind.KhuPho,
            Geometry = Square(107.00, 107.01),
            ValidFrom = new DateOnly(2020, 1, 1),
            UpdatedAt = now,
        });
        db.Merchants.AddRange(
            Merchant("Quán Thắng Nhì", MerchantCategory.Restaurant, East(100), west.Id, acceptsQr: true, now),
            Merchant("Tạp hóa Cô Ba", MerchantCategory.GeneralStore, East(450), west.Id, acceptsQr: false, now),
            Merchant("Siêu thị Long Sơn", MerchantCategory.Supermarket, East(550), west.Id, acceptsQr: true, now),
            Merchant("Khách sạn Biển Đông", MerchantCategory.Hotel, East(1000), east.Id, acceptsQr: false, now),
            Merchant("Chợ sạp 12", MerchantCategory.MarketStall, East(1500), east.Id, acceptsQr: true, now));
        db.WifiPoints.AddRange(
            Wifi("Bãi Sau", East(200), west.Id, now),
            Wifi("Công viên", East(1200), east.Id, now));
        db.WardReports.AddRange(
            Report(west.Id, 2022, 6, 100, 400, 300, 200, now),
            Report(west.Id, 2022, 7, 100, 400, 300, 210, now),
            Report(east.Id, 2022, 6, null, 200, 250, 100, now));
        await db.SaveChangesAsync();
    }

    private static MultiPolygon Square(double west, double east) =>
        Geo.CreateMultiPolygon([Geo.CreatePolygon([
            new(west, 10.30), new(east, 10.30), new(east, 10.31), new(west, 10.31), new(west, 10.30)])]);

    private static Ward Ward(string code, string name, WardKind kind, double west, double east, DateTimeOffset now) => new()
    {
        Code = code,
        Name = name,
        Kind = kind,
        Geometry = Square(west, east),
        LabelPoint = Geo.CreatePoint(new Coordinate((west + east) / 2, 10.305)),
        ValidFrom = new DateOnly(2020, 1, 1),
        UpdatedAt = now,
    };

    private static Merchant Merchant(string name, MerchantCategory category, Point location, int wardId, bool acceptsQr, DateTimeOffset now) => new()
    {
        Name = name,
        Category = category,
        Location = location,
        WardId = wardId,
        AcceptsQr = acceptsQr,
        UpdatedAt = now,
    };

    private static WifiPoint Wifi(string name, Point location, int wardId, DateTimeOffset now) => new()
    {
        Name = name,
        Location = location,
        WardId = wardId,
        RadiusMeters = 100,
        VenueType = WifiVenueType.PublicSpace,
        UpdatedAt = now,
    };

    private static WardReport Report(int wardId, int year, int month, int? households, int population, int residents15Plus, int holders, DateTimeOffset now) => new()
    {
        WardId = wardId,
        Month = new DateOnly(year, month, 1),
        Households = households,
        Population = population,
        Residents15Plus = residents15Plus,
        AccountHolders15Plus = holders,
        Source = "test fixture",
        RecordedAt = now,
        QualityFlags = WardReport.Assess(households, population, residents15Plus, holders),
    };
}
