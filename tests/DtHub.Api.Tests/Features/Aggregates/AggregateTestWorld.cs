using DtHub.Api.Data;
using DtHub.Api.Features.Aggregates;
using DtHub.Api.Features.Merchants;
using DtHub.Api.Features.ModelStreets;
using DtHub.Api.Features.Neighborhoods;
using DtHub.Api.Features.Reports;
using DtHub.Api.Features.Targets;
using DtHub.Api.Features.Teams;
using DtHub.Api.Features.Wards;
using DtHub.Api.Features.Wifi;
using DtHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite;
using NetTopologySuite.Geometries;

namespace DtHub.Api.Tests.Features.Aggregates;

/// <summary>
/// A small hand-built city near Vũng Tàu whose figures can be worked out on paper. Ward A and ward B are
/// 0.01° squares side by side (lon 107.08–107.09 and 107.09–107.10, lat 10.35–10.36); ward D is a far one (5 km east).
/// </summary>
internal sealed class AggregateTestWorld
{
    public static readonly GeometryFactory Geo = NtsGeometryServices.Instance.CreateGeometryFactory(SpatialConventions.Srid);
    public const double South = 10.35, North = 10.36;

    /// <summary>Metres per degree of latitude and of longitude at the squares' mid latitude (WGS 84).</summary>
    public static (double Lat, double Lon) MetresPerDegree()
    {
        const double a = 6378137, e2 = 0.00669437999014;
        var phi = (South + North) / 2 * Math.PI / 180;
        var w = 1 - e2 * Math.Sin(phi) * Math.Sin(phi);
        var meridional = a * (1 - e2) / Math.Pow(w, 1.5);
        var primeVertical = a / Math.Sqrt(w);
        return (meridional * Math.PI / 180, primeVertical * Math.Cos(phi) * Math.PI / 180);
    }

    /// <summary>Area of a 0.01° × 0.01° square at the squares' latitude, in m².</summary>
    public static double SquareAreaM2() { var (lat, lon) = MetresPerDegree(); return 0.01 * lat * 0.01 * lon; }

    public static MultiPolygon Box(double west, double south, double east, double north) =>
        Geo.CreateMultiPolygon([Geo.CreatePolygon([new(west, south), new(east, south), new(east, north), new(west, north), new(west, south)])]);

    public static Point At(double lon, double lat) => Geo.CreatePoint(new Coordinate(lon, lat));

    /// <summary>A point <paramref name="metres"/> north of the latitude.</summary>
    public static double NorthOf(double lat, double metres) => lat + metres / MetresPerDegree().Lat;

    public static ServiceProvider Services(HubDatabase hub, Action<AggregateOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(hub.DataSource);
        services.AddLogging();
        services.AddAggregates(new ConfigurationBuilder().Build());
        if (configure is not null) services.Configure(configure);
        return services.BuildServiceProvider();
    }

    public static readonly DateTimeOffset Then = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Adds a ward report with SQL (EF cannot write its jsonb dictionary without dynamic JSON on the data source).</summary>
    public static async Task InsertReportAsync(HubDatabase hub, int wardId, DateOnly month, int? residents15Plus, int? holders, DateTimeOffset? recordedAt = null)
    {
        await using var cmd = hub.DataSource.CreateCommand("""
            INSERT INTO ward_reports (ward_id, month, residents15plus, account_holders15plus, extra_indicators, quality_flags, source, is_synthetic, recorded_at)
            VALUES ($1, $2, $3, $4, '{}', 0, 'test', false, $5)
            """);
        cmd.Parameters.AddWithValue(wardId);
        cmd.Parameters.AddWithValue(month);
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter<int?> { TypedValue = residents15Plus });
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter<int?> { TypedValue = holders });
        cmd.Parameters.AddWithValue(recordedAt ?? Then);
        await cmd.ExecuteNonQueryAsync();
    }

    public Ward A = null!, B = null!, D = null!;
    public Neighborhood AWest = null!, AEast = null!;
    public ModelStreet Street1 = null!, Street2 = null!;
    public Merchant M2 = null!, M5 = null!;
    public WifiPoint Centre = null!, Edge = null!;

    /// <summary>Builds the world described in AggregateFigureTests.</summary>
    public static async Task<AggregateTestWorld> BuildAsync(HubDatabase hub)
    {
        var world = new AggregateTestWorld();
        await using var db = hub.CreateContext();
        Ward NewWard(string code, double west) => new()
        {
            Code = code,
            Name = $"Phường {code}",
            Kind = WardKind.Phuong,
            Geometry = Box(west, South, west + 0.01, North),
            LabelPoint = At(west + 0.005, 10.355),
            ValidFrom = new DateOnly(2020, 1, 1),
            UpdatedAt = Then,
        };
        world.A = NewWard("A", 107.08);
        world.B = NewWard("B", 107.09);
        world.D = NewWard("D", 107.15);
        db.Wards.AddRange(world.A, world.B, world.D);
        await db.SaveChangesAsync();

        Neighborhood NewNeighborhood(string code, double west, int residents) => new()
        {
            WardId = world.A.Id,
            Code = code,
            Name = $"Khu phố {code}",
            Kind = NeighborhoodKind.KhuPho,
            Geometry = Box(west, South, west + 0.005, North),
            EstimatedResidents = residents,
            ValidFrom = new DateOnly(2020, 1, 1),
            UpdatedAt = Then,
        };
        world.AWest = NewNeighborhood("A-W", 107.08, 1000);
        world.AEast = NewNeighborhood("A-E", 107.085, 3000);
        db.Neighborhoods.AddRange(world.AWest, world.AEast);
        var market = new Market { Name = "Chợ 4.0", WardId = world.A.Id, Location = At(107.082, 10.3535), IsCashless = true };
        db.Markets.Add(market);
        await db.SaveChangesAsync();

        Merchant NewMerchant(string name, MerchantCategory category, double lon, double lat, bool qr, bool transactions, Ward ward, Neighborhood? neighborhood) => new()
        {
            Name = name,
            Category = category,
            Location = At(lon, lat),
            WardId = ward.Id,
            NeighborhoodId = neighborhood?.Id,
            AcceptsQr = qr,
            HasTransactions = transactions,
            UpdatedAt = Then,
        };
        world.M2 = NewMerchant("m2", MerchantCategory.GeneralStore, 107.084, NorthOf(10.352, 10), false, false, world.A, world.AWest);
        world.M5 = NewMerchant("m5", MerchantCategory.Other, 107.095, 10.355, false, false, world.B, null);
        var stall = NewMerchant("m4", MerchantCategory.MarketStall, 107.082, 10.3535, true, true, world.A, world.AWest);
        stall.MarketId = market.Id;
        db.Merchants.AddRange(
            NewMerchant("m1", MerchantCategory.GeneralStore, 107.083, NorthOf(10.357, 20), true, true, world.A, world.AWest),
            world.M2,
            NewMerchant("m3", MerchantCategory.Restaurant, 107.086, NorthOf(10.357, 40), true, false, world.A, world.AEast),
            stall,
            world.M5);

        WifiPoint NewWifi(string name, double lon, double lat, int radius, Ward ward) => new()
        {
            Name = name,
            VenueType = WifiVenueType.PublicSpace,
            Location = At(lon, lat),
            RadiusMeters = radius,
            Status = WifiStatus.Active,
            WardId = ward.Id,
            UpdatedAt = Then,
        };
        world.Centre = NewWifi("centre", 107.085, 10.355, 200, world.A);
        world.Edge = NewWifi("edge", 107.09, 10.355, 100, world.A);
        var planned = NewWifi("planned", 107.095, 10.355, 300, world.B);
        planned.Status = WifiStatus.Planned;
        db.WifiPoints.AddRange(world.Centre, world.Edge, planned);

        db.Teams.AddRange(
            new Team { Name = "Tổ CNS phường A", Level = TeamLevel.Ward, WardId = world.A.Id, FoundedOn = new DateOnly(2022, 3, 1), UpdatedAt = Then },
            new Team { Name = "Tổ CNS A-W", Level = TeamLevel.Neighborhood, WardId = world.A.Id, NeighborhoodId = world.AWest.Id, FoundedOn = new DateOnly(2022, 3, 1), UpdatedAt = Then });

        ModelStreet NewStreet(string name, double lat) => new()
        {
            Name = name,
            WardId = world.A.Id,
            DesignatedOn = new DateOnly(2022, 1, 1),
            UpdatedAt = Then,
            Geometry = Geo.CreateMultiLineString([Geo.CreateLineString([new(107.081, lat), new(107.089, lat)])]),
        };
        world.Street1 = NewStreet("Đường 1", 10.357);
        world.Street2 = NewStreet("Đường 2", 10.352);
        db.ModelStreets.AddRange(world.Street1, world.Street2);

        await db.SaveChangesAsync();
        await InsertReportAsync(hub, world.A.Id, new DateOnly(2022, 6, 1), 1000, 600);
        await InsertReportAsync(hub, world.B.Id, new DateOnly(2022, 6, 1), 600, 300);
        await InsertReportAsync(hub, world.A.Id, new DateOnly(2023, 3, 1), 1000, 700);
        await InsertReportAsync(hub, world.A.Id, new DateOnly(2024, 6, 1), 1000, 900);
        await InsertReportAsync(hub, world.D.Id, new DateOnly(2022, 6, 1), 500, null);

        Target NewTarget(TargetScope scope, decimal value, DateOnly deadline, int? wardId = null) => new()
        {
            Indicator = "account_ownership_15plus",
            DescriptionVi = "tỷ lệ",
            DescriptionEn = "rate",
            Scope = scope,
            WardId = wardId,
            ScopeLabel = scope.ToString(),
            Value = value,
            Deadline = deadline,
            SourceFile = "test",
        };
        db.Targets.AddRange(
            NewTarget(TargetScope.City, 0.65m, new DateOnly(2022, 12, 31)),
            NewTarget(TargetScope.EachWard, 0.70m, new DateOnly(2022, 12, 31)),
            NewTarget(TargetScope.EachWard, 0.65m, new DateOnly(2022, 12, 31)),
            NewTarget(TargetScope.EachWard, 0.80m, new DateOnly(2023, 12, 31)),
            NewTarget(TargetScope.Ward, 0.90m, new DateOnly(2021, 12, 31), world.B.Id),
            new Target
            {
                Indicator = "team_per_neighborhood",
                DescriptionVi = "x",
                DescriptionEn = "x",
                Scope = TargetScope.EachWard,
                ScopeLabel = "x",
                Value = 1m,
                Deadline = new DateOnly(2022, 7, 20),
                SourceFile = "test",
            });
        await db.SaveChangesAsync();
        return world;
    }
}
