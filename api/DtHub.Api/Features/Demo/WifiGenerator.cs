using DtHub.Api.Features.Merchants;
using DtHub.Api.Features.Wards;
using DtHub.Api.Features.Wifi;
using NetTopologySuite.Geometries;

namespace DtHub.Api.Features.Demo;

/// <summary>
/// About 150 public Wi-Fi points: at every ward office, market and mall, most supermarkets, beaches and sights,
/// plus street hotspots weighted towards the centre, so outlying neighbourhoods are left with gaps to find.
/// </summary>
internal static class WifiGenerator
{
    private static readonly string[] Operators = ["VNPT", "Viettel", "FPT Telecom", "MobiFone"];
    private static readonly double[] OperatorWeights = [0.45, 0.35, 0.15, 0.05];
    private static readonly WifiStatus[] Statuses = [WifiStatus.Active, WifiStatus.Inactive, WifiStatus.Planned];
    private static readonly double[] StatusWeights = [0.85, 0.08, 0.07];

    /// <summary>Sights and the ward they are in; positions inside the ward are synthetic.</summary>
    private static readonly (string Name, string Ward)[] Sights =
    [
        ("Tượng Chúa Kitô Vua", "Phường 2"), ("Hải đăng Vũng Tàu", "Phường 2"), ("Mũi Nghinh Phong", "Phường 2"),
        ("Bạch Dinh", "Phường 1"), ("Hồ Mây", "Phường 1"), ("Niết Bàn Tịnh Xá", "Phường 2"), ("Thích Ca Phật Đài", "Phường Thắng Nhì"),
        ("Đồi Con Heo", "Phường 2"), ("Công viên Bãi Trước", "Phường 1"), ("Nhà Lớn Long Sơn", "Xã Long Sơn"),
        ("Bảo tàng Robert Taylor", "Phường 2"), ("Khu du lịch Bãi Sau", "Phường Thắng Tam"),
    ];

    /// <summary>Street hotspots: the city centre is well served, the north-east and Long Sơn much less.</summary>
    private static readonly Dictionary<string, double> HotspotWeights = new()
    {
        ["Phường 1"] = 3,
        ["Phường 2"] = 3,
        ["Phường 3"] = 2,
        ["Phường Thắng Tam"] = 3,
        ["Phường 7"] = 1.5,
        ["Phường 8"] = 1.5,
        ["Phường 11"] = 0.3,
        ["Phường 12"] = 0.2,
        ["Xã Long Sơn"] = 0.2,
    };

    private const int Hotspots = 46;
    private const int Beaches = 20;
    private const int Schools = 20;
    private const int Hospitals = 4;

    public static List<WifiPoint> Generate(DemoPlaces places, MultiPolygon cityOutline, IReadOnlyList<Market> markets,
        IReadOnlyList<Merchant> merchants, DemoRandom random)
    {
        var points = new List<WifiPoint>();
        void Add(string name, WifiVenueType venue, Ward ward, Coordinate location, string? ssid = null, int minRadius = 50)
        {
            points.Add(new WifiPoint
            {
                Id = points.Count + 1,
                Name = name,
                Ssid = ssid ?? "VungTau Free WiFi",
                Operator = Operators[random.PickWeighted(OperatorWeights)],
                VenueType = venue,
                Location = DemoGeo.Point(location),
                RadiusMeters = random.Next(minRadius / 10, 16) * 10,
                Status = Statuses[random.PickWeighted(StatusWeights)],
                WardId = ward.Id,
                IsSynthetic = true,
                UpdatedAt = DemoClock.AsOf,
            });
        }

        foreach (var ward in places.Wards)
            Add($"Wi-Fi UBND {ward.Name}", WifiVenueType.Government, ward, Near(places, ward, ward.LabelPoint.Coordinate, 80, random));
        foreach (var market in markets)
        {
            var ward = places.Wards.Single(w => w.Id == market.WardId);
            Add($"Wi-Fi {market.Name}", WifiVenueType.Market, ward, market.Location.Coordinate);
        }
        foreach (var store in merchants.Where(m => m.Category is MerchantCategory.Mall
                     || (m.Category == MerchantCategory.Supermarket && random.Chance(0.6))))
        {
            var ward = places.Wards.Single(w => w.Id == store.WardId);
            var venue = store.Category == MerchantCategory.Mall ? WifiVenueType.Mall : WifiVenueType.Supermarket;
            Add($"Wi-Fi {store.Name}", venue, ward, store.Location.Coordinate, $"{EmvQrPayload.Ascii(store.Name, 40)} Free WiFi", 100);
        }
        foreach (var (sight, wardName) in Sights)
        {
            var ward = places.Ward(wardName);
            Add($"Wi-Fi {sight}", WifiVenueType.TouristSite, ward, DemoGeo.RandomPointIn(places.Shape(ward), random));
        }

        var coast = cityOutline.Boundary;
        for (var i = 0; i < Beaches; i++)
        {
            // A beach hotspot sits within 200 m of the shore.
            var (ward, location) = Anywhere(places, random, c => coast.Distance(DemoGeo.Factory.CreatePoint(c)) * DemoGeo.MetresPerDegreeLatitude < 200);
            Add($"Wi-Fi bãi biển số {i + 1} ({ward.Name})", WifiVenueType.Beach, ward, location, minRadius: 100);
        }

        var hotspotWeights = places.Wards.Select(w => HotspotWeights.GetValueOrDefault(w.Name, 1.0)).ToList();
        foreach (var (venue, count, label) in new[]
                 {
                     (WifiVenueType.School, Schools, "Trường học"), (WifiVenueType.Hospital, Hospitals, "Bệnh viện"),
                     (WifiVenueType.PublicSpace, Hotspots, "Điểm công cộng"),
                 })
        {
            for (var i = 0; i < count; i++)
            {
                var ward = places.Wards[random.PickWeighted(hotspotWeights)];
                var (neighborhood, location) = places.RandomHome(ward, random);
                Add($"Wi-Fi {label} {neighborhood.Name}, {ward.Name}", venue, ward, location);
            }
        }
        return points;
    }

    private static Coordinate Near(DemoPlaces places, Ward ward, Coordinate centre, double radiusMetres, DemoRandom random)
    {
        while (true)
        {
            var c = DemoGeo.RandomPointNear(centre, radiusMetres, random);
            if (places.Inside(ward, c)) return c;
        }
    }

    private static (Ward, Coordinate) Anywhere(DemoPlaces places, DemoRandom random, Func<Coordinate, bool> accept)
    {
        var weights = places.Wards.Select(w => w.Geometry.Area).ToList();
        for (var attempt = 0; attempt < 100_000; attempt++)
        {
            var ward = places.Wards[random.PickWeighted(weights)];
            var c = DemoGeo.RandomPointIn(places.Shape(ward), random);
            if (accept(c)) return (ward, c);
        }
        throw new InvalidOperationException("Could not place a Wi-Fi point near the shore.");
    }
}
