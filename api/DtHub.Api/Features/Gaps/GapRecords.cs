using NetTopologySuite.Geometries;

namespace DtHub.Api.Features.Gaps;

/// <summary>Unit levels a gap query works on.</summary>
public enum GapLevel { Ward, Neighborhood }

/// <summary>Indicators a unit can fall short on.</summary>
public enum GapIndicator { AccountOwnership, QrAdoption, TeamCoverage }

/// <summary>
/// A ward or neighbourhood under its target. <c>PeopleToTarget</c> is how many more of the counted things are needed
/// to reach it: residents 15+ with an account, merchants with QR, or neighbourhoods with a team.
/// </summary>
public sealed record UnitGap(
    GapLevel Level, int UnitId, string Name, int WardId, string WardName, Geometry? Geometry,
    decimal Rate, decimal Target, decimal Gap, int PeopleToTarget, int Counted, int Total);

/// <summary>A model street below 100 % QR.</summary>
public sealed record StreetGap(int ModelStreetId, string Name, int WardId, Geometry? Geometry, int Merchants, int WithQr)
{
    public decimal? Compliance => Merchants == 0 ? null : (decimal)WithQr / Merchants;
}

/// <summary>A neighbourhood no community team serves.</summary>
public sealed record LonelyNeighborhood(string Name, Geometry Geometry, int? EstimatedResidents);

/// <summary>A populated hexagon cell with no public Wi-Fi within the radius.</summary>
public sealed record WifiGapCell(int I, int J, Geometry Geometry, double Residents);

/// <summary>Wi-Fi gaps of an area and where one more access point would help most.</summary>
public sealed record WifiGaps(double RadiusMeters, double ResidentsUncovered, IReadOnlyList<WifiGapCell> Cells, SuggestedSite? SuggestedSite);

/// <summary>The cell centre whose radius reaches the most uncovered residents.</summary>
public sealed record SuggestedSite(Point Location, double ResidentsCovered);

/// <summary>Something near a point, with its distance in metres.</summary>
public sealed record Nearby<T>(T Item, double Distance) where T : class;

/// <summary>Merchants of one category.</summary>
public sealed record CategoryCount(Merchants.MerchantCategory Category, int Merchants);

/// <summary>The root <c>gaps</c> object; its fields do the work.</summary>
public sealed record GapsRoot;

/// <summary>Which slice of an ordered gap list to read: rows [Skip, Skip + Take), all to the end when Take is null.</summary>
public sealed record GapWindow(int Skip, int? Take, bool ByPeople = false);

/// <summary>
/// Rows of a gap list and how many there are in all (counted beside the page in SQL). Total is null only when
/// a window starts past the end, where no row carries the count.
/// </summary>
public sealed record GapRows<T>(IReadOnlyList<T> Rows, int? Total);
