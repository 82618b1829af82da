using System.Globalization;
using DtHub.Api.Features.Merchants;
using DtHub.Api.Features.ModelStreets;
using DtHub.Api.Features.Neighborhoods;
using DtHub.Api.Features.Wards;
using NetTopologySuite.Geometries;

namespace DtHub.Api.Features.Demo;

/// <summary>
/// Shops, restaurants, hotels and large stores: some lined up along the model streets (a few streets fully on QR,
/// the rest held back by named merchants), the others spread over the neighbourhoods by population.
/// </summary>
internal static class MerchantGenerator
{
    /// <summary>With the 542 market traders, 3,000 merchants in all.</summary>
    public const int ShopCount = 3_000 - MarketGenerator.Traders;

    /// <summary>Merchants on a model street stand this close to its centre line.</summary>
    public const double StreetFrontageMetres = 12;

    /// <summary>Other merchants stay at least this far from any model street, whatever buffer a query uses up to it.</summary>
    public const double OffStreetMetres = 60;

    private sealed record Profile(MerchantCategory Category, double QrShare, double EInvoiceShare, double WebsiteShare);

    private static readonly Dictionary<MerchantCategory, Profile> Profiles = new[]
    {
        new Profile(MerchantCategory.GeneralStore, 0.55, 0.10, 0.01),
        new Profile(MerchantCategory.Restaurant, 0.62, 0.25, 0.08),
        new Profile(MerchantCategory.Hotel, 0.68, 0.70, 0.45),
        new Profile(MerchantCategory.Supermarket, 0.93, 0.90, 0.40),
        new Profile(MerchantCategory.Mall, 1.00, 1.00, 1.00),
        new Profile(MerchantCategory.ElectronicsCentre, 0.89, 0.95, 0.60),
        new Profile(MerchantCategory.Other, 0.45, 0.15, 0.05),
    }.ToDictionary(p => p.Category);

    /// <summary>Large venues are counted, not drawn: the city has a handful of malls.</summary>
    private static readonly (MerchantCategory Category, int Count)[] LargeVenues =
        [(MerchantCategory.Mall, 4), (MerchantCategory.Supermarket, 40), (MerchantCategory.ElectronicsCentre, 18)];

    private static readonly MerchantCategory[] SmallCategories =
        [MerchantCategory.GeneralStore, MerchantCategory.Restaurant, MerchantCategory.Hotel, MerchantCategory.Other];

    private static readonly double[] SmallCategoryWeights = [0.43, 0.30, 0.10, 0.17];

    /// <summary>Hotels crowd the beach wards (Bãi Trước, Bãi Sau); elsewhere they are rare.</summary>
    private static readonly Dictionary<string, double> HotelWeights = new()
    {
        ["Phường 1"] = 4,
        ["Phường 2"] = 5,
        ["Phường Thắng Tam"] = 5,
        ["Phường 3"] = 2,
        ["Phường 5"] = 1.5,
        ["Phường 8"] = 1.5,
    };

    public static List<Merchant> Generate(DemoPlaces places, IReadOnlyList<ModelStreet> streets, IReadOnlyList<Market> markets,
        IReadOnlyList<WardFigures> figures, DemoRandom random)
    {
        var merchants = new List<Merchant>();
        AlongModelStreets(places, streets, merchants, random);

        var categories = LargeVenues.SelectMany(v => Enumerable.Repeat(v.Category, v.Count)).ToList();
        while (merchants.Count + categories.Count < ShopCount)
            categories.Add(SmallCategories[random.PickWeighted(SmallCategoryWeights)]);

        var population = places.Wards.Select((w, i) => (double)(figures[i].Population ?? 0)).ToList();
        var hotelWeights = places.Wards.Select(w => HotelWeights.GetValueOrDefault(w.Name, 0.3)).ToList();
        foreach (var category in categories)
        {
            var ward = places.Wards[random.PickWeighted(category == MerchantCategory.Hotel ? hotelWeights : population)];
            var (neighborhood, location) = OffStreetHome(places, ward, streets, markets, random);
            var streetName = random.Pick(DemoNames.StreetNames);
            var address = $"{random.Next(1, 300).ToString(CultureInfo.InvariantCulture)} {streetName}, {neighborhood.Name}, {ward.Name}";
            merchants.Add(Create(merchants.Count + 1, category, ward, neighborhood, location, address, Profiles[category].QrShare, random));
        }
        return merchants;
    }

    /// <summary>The first street is fully on QR and the second is not, so both kinds always exist; the rest are drawn.</summary>
    private static void AlongModelStreets(DemoPlaces places, IReadOnlyList<ModelStreet> streets, List<Merchant> merchants, DemoRandom random)
    {
        var order = streets.ToList();
        random.Shuffle(order);
        for (var i = 0; i < order.Count; i++)
        {
            var street = order[i];
            var ward = places.Wards.Single(w => w.Id == street.WardId);
            var line = (LineString)street.Geometry.GetGeometryN(0);
            var count = random.Next(6, 17);
            var compliant = i == 0 || (i > 1 && random.Chance(0.35));
            var withoutQr = compliant ? 0 : Math.Max(1, (int)Math.Round(count * random.Between(0.1, 0.5)));
            for (var k = 0; k < count; k++)
            {
                var category = SmallCategories[random.PickWeighted(SmallCategoryWeights)];
                var (neighborhood, location) = Frontage(places, ward, line, random);
                var address = $"{random.Next(1, 300).ToString(CultureInfo.InvariantCulture)} {street.Name}, {ward.Name}";
                merchants.Add(Create(merchants.Count + 1, category, ward, neighborhood, location, address, k < withoutQr ? 0 : 1, random));
            }
        }
    }

    private static Merchant Create(long id, MerchantCategory category, Ward ward, Neighborhood neighborhood, Coordinate location,
        string address, double qrShare, DemoRandom random)
    {
        var profile = Profiles[category];
        var merchant = new Merchant
        {
            Id = id,
            Name = MerchantNames.For(category, random),
            Category = category,
            Location = DemoGeo.Point(location),
            Address = address,
            WardId = ward.Id,
            NeighborhoodId = neighborhood.Id,
            HasEInvoice = random.Chance(profile.EInvoiceShare),
            IsSynthetic = true,
            UpdatedAt = DemoClock.Utc(random.DateBetween(new DateOnly(2022, 7, 1), new DateOnly(2024, 12, 31)), random.Next(86_400)),
        };
        if (random.Chance(profile.WebsiteShare)) merchant.Website = MerchantNames.WebsiteFor(merchant.Name);
        if (random.Chance(qrShare))
        {
            QrCodes.Give(merchant, random);
            merchant.HasTransactions = random.Chance(0.7);
        }
        return merchant;
    }

    private static (Neighborhood, Coordinate) OffStreetHome(DemoPlaces places, Ward ward, IReadOnlyList<ModelStreet> streets,
        IReadOnlyList<Market> markets, DemoRandom random)
    {
        // Streets of neighbouring wards count too: a street may run 40 m from the ward's edge.
        var nearbyStreets = streets.Select(s => (LineString)s.Geometry.GetGeometryN(0)).ToList();
        for (var attempt = 0; attempt < 10_000; attempt++)
        {
            var (neighborhood, location) = places.RandomHome(ward, random);
            if (nearbyStreets.Exists(line => DemoGeo.DistanceToLineMetres(location, line) < OffStreetMetres)) continue;
            if (markets.Any(m => DemoGeo.DistanceMetres(m.Location.Coordinate, location) < 2 * MarketGenerator.StallRadiusMetres)) continue;
            return (neighborhood, location);
        }
        throw new InvalidOperationException($"No room for a merchant in {ward.Name} away from its model streets.");
    }

    /// <summary>A point beside the street: a random place along the line, 4–12 m to its left or right.</summary>
    private static (Neighborhood, Coordinate) Frontage(DemoPlaces places, Ward ward, LineString line, DemoRandom random)
    {
        var coordinates = line.Coordinates;
        for (var attempt = 0; attempt < 1_000; attempt++)
        {
            var segment = random.PickWeighted(Enumerable.Range(1, coordinates.Length - 1)
                .Select(i => DemoGeo.DistanceMetres(coordinates[i - 1], coordinates[i])).ToList());
            var (a, b) = (coordinates[segment], coordinates[segment + 1]);
            var t = random.NextDouble();
            var east = (b.X - a.X) * DemoGeo.MetresPerDegreeLongitude;
            var north = (b.Y - a.Y) * DemoGeo.MetresPerDegreeLatitude;
            var length = Math.Sqrt(east * east + north * north);
            var side = random.Between(4, StreetFrontageMetres) * (random.Chance(0.5) ? 1 : -1);
            var onLine = new Coordinate(a.X + t * (b.X - a.X), a.Y + t * (b.Y - a.Y));
            var location = DemoGeo.Round(DemoGeo.Offset(onLine, -north / length * side, east / length * side));
            if (!places.Inside(ward, location)) continue;
            if (places.NeighborhoodAt(ward, location) is { } neighborhood) return (neighborhood, location);
        }
        throw new InvalidOperationException($"Could not place a merchant beside a model street in {ward.Name}.");
    }
}
