using System.Globalization;
using DtHub.Api.Features.Merchants;
using DtHub.Api.Features.ModelStreets;
using DtHub.Api.Features.Neighborhoods;
using NetTopologySuite.Geometries;

namespace DtHub.Api.Features.Demo;

/// <summary>
/// The three cashless markets (chợ 4.0) and their traders, matching the June 2022 report exactly:
/// 542 traders, 199 of them with a QR code, 95 with transactions. Names are real markets; locations are not.
/// </summary>
internal static class MarketGenerator
{
    public const int Traders = 542;
    public const int TradersWithQr = 199;
    public const int TradersWithTransactions = 95;

    /// <summary>Market, ward, traders, with QR, with transactions: the per-market split is synthetic, the totals are real.</summary>
    private static readonly (string Name, string Ward, int Traders, int WithQr, int WithTransactions)[] CashlessMarkets =
    [
        ("Chợ Vũng Tàu", "Phường 4", 230, 91, 46),
        ("Chợ Xóm Lưới", "Phường Thắng Nhất", 180, 68, 32),
        ("Chợ Rạch Dừa", "Phường Rạch Dừa", 132, 40, 17),
    ];

    /// <summary>Traders' stalls lie within this distance of the market's centre.</summary>
    public const double StallRadiusMetres = 50;

    public static List<Market> PlaceMarkets(DemoPlaces places, IReadOnlyList<ModelStreet> streets, DemoRandom random) =>
        CashlessMarkets.Select((m, i) =>
        {
            var ward = places.Ward(m.Ward);
            var boundary = ward.Geometry.Boundary;
            for (var attempt = 0; attempt < 5_000; attempt++)
            {
                var centre = DemoGeo.RandomPointIn(places.Shape(ward), random);
                var point = DemoGeo.Factory.CreatePoint(centre);
                if (boundary.Distance(point) * DemoGeo.MetresPerDegreeLatitude < 3 * StallRadiusMetres) continue;
                if (streets.Any(s => s.Geometry.Distance(point) * DemoGeo.MetresPerDegreeLatitude < 3 * StallRadiusMetres)) continue;
                return new Market { Id = i + 1, Name = m.Name, WardId = ward.Id, Location = point, IsCashless = true, IsSynthetic = true };
            }
            throw new InvalidOperationException($"Could not place {m.Name} inside {ward.Name}.");
        }).ToList();

    public static List<Merchant> Stalls(DemoPlaces places, IReadOnlyList<Market> markets, long firstId, DemoRandom random)
    {
        var stalls = new List<Merchant>();
        foreach (var (market, plan) in markets.Zip(CashlessMarkets))
        {
            var ward = places.Wards.Single(w => w.Id == market.WardId);
            // Which stalls have QR, and which of those see transactions: exact counts, random stalls.
            var order = Enumerable.Range(0, plan.Traders).ToList();
            random.Shuffle(order);
            var rank = new int[plan.Traders];
            for (var i = 0; i < order.Count; i++) rank[order[i]] = i;

            for (var s = 0; s < plan.Traders; s++)
            {
                Coordinate location;
                Neighborhood? neighborhood;
                do
                {
                    location = DemoGeo.RandomPointNear(market.Location.Coordinate, StallRadiusMetres, random);
                    neighborhood = places.Inside(ward, location) ? places.NeighborhoodAt(ward, location) : null;
                } while (neighborhood is null);

                var number = (s + 1).ToString("000", CultureInfo.InvariantCulture);
                var stall = new Merchant
                {
                    Id = firstId + stalls.Count,
                    Name = $"Sạp {number} – {MerchantNames.For(MerchantCategory.MarketStall, random)}",
                    Category = MerchantCategory.MarketStall,
                    Location = DemoGeo.Point(location),
                    Address = $"Sạp {number}, {market.Name}, {ward.Name}",
                    WardId = ward.Id,
                    NeighborhoodId = neighborhood.Id,
                    MarketId = market.Id,
                    IsSynthetic = true,
                    UpdatedAt = DemoClock.Utc(random.DateBetween(new DateOnly(2022, 3, 1), DemoClock.RealReportMonth.AddDays(29)), random.Next(86_400)),
                };
                if (rank[s] < plan.WithQr)
                {
                    QrCodes.Give(stall, random);
                    stall.HasTransactions = rank[s] < plan.WithTransactions;
                }
                stalls.Add(stall);
            }
        }
        if (stalls.Count != Traders || stalls.Count(s => s.AcceptsQr) != TradersWithQr || stalls.Count(s => s.HasTransactions) != TradersWithTransactions)
            throw new InvalidOperationException("The market plan no longer adds up to the June 2022 report (542 / 199 / 95).");
        return stalls;
    }
}
