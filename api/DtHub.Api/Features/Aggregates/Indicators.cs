using NetTopologySuite.Geometries;

namespace DtHub.Api.Features.Aggregates;

/// <summary>Residents aged 15+ holding a bank or e-wallet account, from the ward reports of a month.</summary>
/// <param name="Holders">Account holders aged 15+ (reports missing either figure are left out of both).</param>
/// <param name="Residents15Plus">Residents aged 15+.</param>
/// <param name="Rate">Holders / residents 15+, a fraction between 0 and 1 (null when there are no residents 15+).</param>
/// <param name="Target">The target that applies (fraction), chosen by the target rule in docs/AGGREGATES.md; null when none.</param>
/// <param name="Gap">Rate − target (negative: below target).</param>
/// <param name="Reports">Ward reports counted.</param>
/// <param name="RolledUpFrom">Predecessor wards whose reports were added in (merged units), empty for most rows.</param>
public sealed record AccountOwnership(
    int? Holders, int? Residents15Plus, decimal? Rate, decimal? Target, decimal? Gap, int Reports, IReadOnlyList<int> RolledUpFrom);

/// <summary>Merchants with a QR payment code, as of the last refresh.</summary>
/// <param name="Merchants">All merchants.</param>
/// <param name="WithQr">Merchants accepting QR payment.</param>
/// <param name="ActiveQr">Merchants whose QR code has had transactions.</param>
/// <param name="Rate">WithQr / Merchants (null with no merchants).</param>
/// <param name="ActiveRate">ActiveQr / Merchants (null with no merchants).</param>
/// <param name="ByCategory">The same figures per merchant category (wards and city only).</param>
public sealed record QrAdoption(int Merchants, int WithQr, int ActiveQr, decimal? Rate, decimal? ActiveRate, IReadOnlyList<QrAdoptionByCategory> ByCategory);

/// <summary>QR adoption within one merchant category.</summary>
public sealed record QrAdoptionByCategory(string Category, int Merchants, int WithQr, int ActiveQr, decimal? Rate);

/// <summary>Traders in cashless markets (chợ 4.0) with a QR code, and with transactions.</summary>
public sealed record CashlessMarketTraders(int Traders, int WithQr, int ActiveQr, decimal? Rate);

/// <summary>Share of a unit within reach of an active public Wi-Fi point (circles of each point's radius, in metres).</summary>
/// <param name="AreaM2">The unit's area in square metres.</param>
/// <param name="CoveredAreaM2">The part of it inside at least one circle.</param>
/// <param name="AreaShare">CoveredAreaM2 / AreaM2.</param>
/// <param name="EstimatedResidents">Residents by the neighbourhoods' estimates.</param>
/// <param name="CoveredResidents">Residents living in covered area, each neighbourhood's residents spread uniformly over it.</param>
/// <param name="ResidentsShare">CoveredResidents / EstimatedResidents (null with no estimates).</param>
public sealed record WifiCoverage(double AreaM2, double CoveredAreaM2, double? AreaShare, long EstimatedResidents, double CoveredResidents, double? ResidentsShare);

/// <summary>Neighbourhoods with at least one community digital-technology team.</summary>
/// <param name="Neighborhoods">Current neighbourhoods.</param>
/// <param name="WithTeam">Of them, those with a neighbourhood-level team.</param>
/// <param name="Rate">WithTeam / Neighborhoods (null with no neighbourhoods).</param>
/// <param name="Teams">Teams of every level in the unit.</param>
public sealed record TeamCoverage(int Neighborhoods, int WithTeam, decimal? Rate, int Teams);

/// <summary>Model streets of a unit where every nearby merchant accepts QR.</summary>
public sealed record ModelStreetsSummary(int Streets, int Compliant, decimal? Rate);

/// <summary>One model street's compliance: merchants within the configured distance and how many accept QR.</summary>
/// <param name="ModelStreetId">The street.</param>
/// <param name="WardId">Its ward.</param>
/// <param name="Merchants">Merchants within <c>Aggregates:StreetDistanceMeters</c> of the centre line.</param>
/// <param name="WithQr">Of them, those accepting QR.</param>
/// <param name="Rate">WithQr / Merchants (null with none).</param>
/// <param name="Compliant">At least one merchant, all with QR.</param>
public sealed record ModelStreetCompliance(int ModelStreetId, int WardId, int Merchants, int WithQr, decimal? Rate, bool Compliant);

/// <summary>A unit's indicators. Account ownership is for the month asked; the rest describe the data as of the last refresh.</summary>
public sealed record UnitIndicators(
    DateOnly Month,
    AccountOwnership? AccountOwnership,
    QrAdoption? QrAdoption,
    CashlessMarketTraders? CashlessMarkets,
    WifiCoverage? WifiCoverage,
    TeamCoverage? TeamCoverage,
    ModelStreetsSummary? ModelStreets);

/// <summary>Indicators that can be followed over time or used to rank units.</summary>
public enum AggregateIndicator
{
    /// <summary>Account ownership rate (monthly history).</summary>
    AccountOwnership,
    /// <summary>QR adoption rate (current only).</summary>
    QrAdoption,
    /// <summary>Wi-Fi coverage, share of area (current only).</summary>
    WifiAreaCoverage,
    /// <summary>Wi-Fi coverage, share of residents (current only).</summary>
    WifiResidentsCoverage,
    /// <summary>Team coverage rate (current only).</summary>
    TeamCoverage,
}

/// <summary>One month of an indicator's history.</summary>
public sealed record TrendPoint(DateOnly Month, decimal? Rate, decimal? Target, decimal? Gap);

/// <summary>A heatmap hexagon with what lies in it.</summary>
/// <param name="I">Grid column index (ST_HexagonGrid).</param>
/// <param name="J">Grid row index.</param>
/// <param name="Geometry">The hexagon, SRID 4326.</param>
/// <param name="AreaM2">Its area in square metres.</param>
/// <param name="Merchants">Merchants inside it.</param>
/// <param name="WithQr">Of them, those accepting QR.</param>
/// <param name="WifiAreaShare">Share of the hexagon within reach of public Wi-Fi.</param>
/// <param name="EstimatedResidents">Residents living in it (neighbourhood estimates spread uniformly).</param>
public sealed record HexCell(int I, int J, Polygon Geometry, double AreaM2, int Merchants, int WithQr, double WifiAreaShare, double EstimatedResidents);
