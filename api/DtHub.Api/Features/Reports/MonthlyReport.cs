using DtHub.Api.Features.Wards;

namespace DtHub.Api.Features.Reports;

/// <summary>One ward's line in the city's monthly account-ownership table.</summary>
public sealed record MonthlyReportLine(
    int WardId,
    string WardName,
    WardKind Kind,
    bool Reported,
    int? Households,
    int? Population,
    int? Residents15Plus,
    int? Holders,
    ReportQualityFlags Flags,
    bool IsSynthetic,
    decimal? Target)
{
    /// <summary>Holders over residents 15+, as a fraction; null when either is missing.</summary>
    public decimal? Rate => Holders is { } h && Residents15Plus is > 0 and var r ? (decimal)h / r : null;

    /// <summary>Rate minus target, in fraction points (negative: below target).</summary>
    public decimal? Gap => Rate is { } rate && Target is { } target ? rate - target : null;
}

/// <summary>
/// The city's monthly report: per ward households, residents, residents 15+, account holders and rate, the totals,
/// the city rate and its gap to the target (indicator <c>account_ownership_15plus</c>).
/// </summary>
public sealed record MonthlyReport(DateOnly Month, IReadOnlyList<MonthlyReportLine> Lines, decimal? CityTarget, DateTimeOffset GeneratedAt)
{
    public int Households => Lines.Sum(l => l.Households ?? 0);
    public int Population => Lines.Sum(l => l.Population ?? 0);
    public int Residents15Plus => Lines.Sum(l => l.Residents15Plus ?? 0);
    public int Holders => Lines.Sum(l => l.Holders ?? 0);

    /// <summary>Total holders over total residents 15+, as the published reports compute it.</summary>
    public decimal? CityRate => Residents15Plus > 0 ? (decimal)Holders / Residents15Plus : null;

    public decimal? CityGap => CityRate is { } rate && CityTarget is { } target ? rate - target : null;

    public IEnumerable<MonthlyReportLine> Missing => Lines.Where(l => !l.Reported);

    public bool HasSyntheticFigures => Lines.Any(l => l.IsSynthetic);
}
