using GraphQL.Types;

namespace DtHub.Api.Features.Aggregates.GraphQL;

/// <summary>GraphQL type of <see cref="AccountOwnership"/>.</summary>
public sealed class AccountOwnershipGraphType : ObjectGraphType<AccountOwnership>
{
    public AccountOwnershipGraphType()
    {
        Name = "AccountOwnership";
        Description = "Residents aged 15+ with a bank or e-wallet account, from the month's ward reports.";
        Field(a => a.Holders, nullable: true).Description("Account holders aged 15+ (reports missing either figure are left out of both).");
        Field(a => a.Residents15Plus, nullable: true).Description("Residents aged 15+.");
        Field(a => a.Rate, nullable: true).Description("Holders / residents 15+, a fraction between 0 and 1 (0.6032).");
        Field(a => a.Target, nullable: true).Description("The target that applies (fraction): the unit's own, else every ward's; earliest deadline on or after the month, else the latest.");
        Field(a => a.Gap, nullable: true).Description("rate − target; negative when below target.");
        Field(a => a.Reports).Description("Ward reports counted.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IntGraphType>>>>("rolledUpFromWardIds")
            .Description("Database ids of predecessor wards whose reports were added in (units merged later).")
            .Resolve(c => c.Source.RolledUpFrom);
    }
}

/// <summary>GraphQL type of <see cref="QrAdoption"/>.</summary>
public sealed class QrAdoptionGraphType : ObjectGraphType<QrAdoption>
{
    public QrAdoptionGraphType()
    {
        Name = "QrAdoption";
        Description = "Merchants with a QR payment code, as of the last refresh.";
        Field(q => q.Merchants).Description("All merchants.");
        Field(q => q.WithQr).Description("Merchants accepting QR payment.");
        Field(q => q.ActiveQr).Description("Merchants whose QR code has had transactions.");
        Field(q => q.Rate, nullable: true).Description("withQr / merchants (null with no merchants).");
        Field(q => q.ActiveRate, nullable: true).Description("activeQr / merchants.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<QrAdoptionByCategoryGraphType>>>>("byCategory")
            .Description("The same per merchant category (wards and city).").Resolve(c => c.Source.ByCategory);
    }
}

/// <summary>GraphQL type of <see cref="QrAdoptionByCategory"/>.</summary>
public sealed class QrAdoptionByCategoryGraphType : ObjectGraphType<QrAdoptionByCategory>
{
    public QrAdoptionByCategoryGraphType()
    {
        Name = "QrAdoptionByCategory";
        Description = "QR adoption within one merchant category.";
        Field(q => q.Category).Description("Merchant category (as MerchantCategory, e.g. GeneralStore).");
        Field(q => q.Merchants).Description("Merchants of the category.");
        Field(q => q.WithQr).Description("Of them, with QR.");
        Field(q => q.ActiveQr).Description("Of them, with QR transactions.");
        Field(q => q.Rate, nullable: true).Description("withQr / merchants.");
    }
}

/// <summary>GraphQL type of <see cref="CashlessMarketTraders"/>.</summary>
public sealed class CashlessMarketTradersGraphType : ObjectGraphType<CashlessMarketTraders>
{
    public CashlessMarketTradersGraphType()
    {
        Name = "CashlessMarketTraders";
        Description = "Traders in cashless markets (chợ 4.0) with a QR code.";
        Field(q => q.Traders).Description("Traders in cashless markets.");
        Field(q => q.WithQr).Description("Of them, with QR.");
        Field(q => q.ActiveQr).Description("Of them, with QR transactions.");
        Field(q => q.Rate, nullable: true).Description("withQr / traders.");
    }
}

/// <summary>GraphQL type of <see cref="WifiCoverage"/>.</summary>
public sealed class WifiCoverageGraphType : ObjectGraphType<WifiCoverage>
{
    public WifiCoverageGraphType()
    {
        Name = "WifiCoverage";
        Description = "Share of the unit within an active public Wi-Fi point's radius (metres on the ground).";
        Field(w => w.AreaM2).Description("Area of the unit, m².");
        Field(w => w.CoveredAreaM2).Description("Covered part, m².");
        Field(w => w.AreaShare, nullable: true).Description("coveredAreaM2 / areaM2.");
        Field(w => w.EstimatedResidents).Description("Residents by the neighbourhoods' estimates.");
        Field(w => w.CoveredResidents).Description("Residents in covered area (each neighbourhood's residents spread evenly over it).");
        Field(w => w.ResidentsShare, nullable: true).Description("coveredResidents / estimatedResidents (null with no estimates).");
    }
}

/// <summary>GraphQL type of <see cref="TeamCoverage"/>.</summary>
public sealed class TeamCoverageGraphType : ObjectGraphType<TeamCoverage>
{
    public TeamCoverageGraphType()
    {
        Name = "TeamCoverage";
        Description = "Neighbourhoods with at least one community digital-technology team of their own.";
        Field(t => t.Neighborhoods).Description("Current neighbourhoods.");
        Field(t => t.WithTeam).Description("Of them, with a neighbourhood-level team.");
        Field(t => t.Rate, nullable: true).Description("withTeam / neighborhoods.");
        Field(t => t.Teams).Description("Teams of every level in the unit.");
    }
}

/// <summary>GraphQL type of <see cref="ModelStreetsSummary"/>.</summary>
public sealed class ModelStreetsSummaryGraphType : ObjectGraphType<ModelStreetsSummary>
{
    public ModelStreetsSummaryGraphType()
    {
        Name = "ModelStreetsSummary";
        Description = "Model streets of the unit where every nearby merchant accepts QR.";
        Field(s => s.Streets).Description("Model streets.");
        Field(s => s.Compliant).Description("Of them, at 100 % QR (and at least one merchant).");
        Field(s => s.Rate, nullable: true).Description("compliant / streets.");
    }
}

/// <summary>GraphQL type of <see cref="ModelStreetCompliance"/>.</summary>
public sealed class ModelStreetComplianceGraphType : ObjectGraphType<ModelStreetCompliance>
{
    public ModelStreetComplianceGraphType()
    {
        Name = "ModelStreetCompliance";
        Description = "Merchants within Aggregates:StreetDistanceMeters (default 30 m) of the street, and how many accept QR.";
        Field(s => s.Merchants).Description("Merchants near the street.");
        Field(s => s.WithQr).Description("Of them, with QR.");
        Field(s => s.Rate, nullable: true).Description("withQr / merchants.");
        Field(s => s.Compliant).Description("At least one merchant, all with QR.");
    }
}

/// <summary>GraphQL type of <see cref="UnitIndicators"/>.</summary>
public sealed class UnitIndicatorsGraphType : ObjectGraphType<UnitIndicators>
{
    public UnitIndicatorsGraphType()
    {
        Name = "Indicators";
        Description = "A unit's indicators: account ownership for the month asked; the others as of the last aggregate refresh.";
        Field<NonNullGraphType<global::DtHub.Api.GraphQL.Scalars.MonthGraphType>>("month").Description("The month asked for.").Resolve(c => c.Source.Month);
        Field<AccountOwnershipGraphType>("accountOwnership").Description("Null when no report covers the month (always null for neighbourhoods: reports are per ward).").Resolve(c => c.Source.AccountOwnership);
        Field<QrAdoptionGraphType>("qrAdoption").Description("QR payment at merchants.").Resolve(c => c.Source.QrAdoption);
        Field<CashlessMarketTradersGraphType>("cashlessMarkets").Description("Traders of cashless markets (wards and city).").Resolve(c => c.Source.CashlessMarkets);
        Field<WifiCoverageGraphType>("wifiCoverage").Description("Public Wi-Fi coverage.").Resolve(c => c.Source.WifiCoverage);
        Field<TeamCoverageGraphType>("teamCoverage").Description("Team coverage of neighbourhoods.").Resolve(c => c.Source.TeamCoverage);
        Field<ModelStreetsSummaryGraphType>("modelStreets").Description("Model-street compliance (wards and city).").Resolve(c => c.Source.ModelStreets);
    }
}

/// <summary>GraphQL type of <see cref="TrendPoint"/>.</summary>
public sealed class TrendPointGraphType : ObjectGraphType<TrendPoint>
{
    public TrendPointGraphType()
    {
        Name = "TrendPoint";
        Description = "One month of an indicator's history.";
        Field<NonNullGraphType<global::DtHub.Api.GraphQL.Scalars.MonthGraphType>>("month").Description("The month.").Resolve(c => c.Source.Month);
        Field(t => t.Rate, nullable: true).Description("The indicator's rate (fraction).");
        Field(t => t.Target, nullable: true).Description("The target that applied.");
        Field(t => t.Gap, nullable: true).Description("rate − target.");
    }
}

/// <summary>Indicators that have a trend or rank units.</summary>
public sealed class AggregateIndicatorGraphType : EnumerationGraphType<AggregateIndicator>
{
    public AggregateIndicatorGraphType()
    {
        Name = "Indicator";
        Description = "An indicator. Only ACCOUNT_OWNERSHIP has a monthly history; the others describe the present.";
    }
}
