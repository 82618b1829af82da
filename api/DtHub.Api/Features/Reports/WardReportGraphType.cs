using DtHub.Api.Features.Wards;
using DtHub.Api.GraphQL.Compilation;
using DtHub.Api.GraphQL.Projection;
using DtHub.Api.GraphQL.Relay;
using DtHub.Api.GraphQL.Scalars;
using GraphQL.Types;

namespace DtHub.Api.Features.Reports;

/// <summary>GraphQL type of a monthly ward report.</summary>
public sealed class WardReportGraphType : ObjectGraphType<WardReport>
{
    public WardReportGraphType()
    {
        Name = "WardReport";
        Description = "A ward's monthly figures as reported to the city; blanks stay null.";
        Interface<NodeGraphType>();
        IsTypeOf = o => o is WardReport;

        Field<NonNullGraphType<IdGraphType>>("id").Description("Opaque global id.").Resolve(c => GlobalId.Encode(Name, c.Source.Id))
            .FieldType.CompilesTo(new GlobalIdSql(Name));
        Field<NonNullGraphType<MonthGraphType>>("month").Description("The reported month, \"YYYY-MM\".").Resolve(c => c.Source.Month)
            .FieldType.CompilesTo(new MonthSql(nameof(WardReport.Month)));
        Field(r => r.Households, nullable: true).Description("Households (hộ).");
        Field(r => r.Population, nullable: true).Description("Residents (nhân khẩu).");
        Field(r => r.Residents15Plus, nullable: true).Description("Residents aged 15 and over.");
        Field(r => r.AccountHolders15Plus, nullable: true).Description("Residents aged 15 and over holding a bank or e-wallet account.");
        Field<FloatGraphType>("accountOwnershipRate")
            .Description("Account holders 15+ / residents 15+, a fraction between 0 and 1; null when either is blank.")
            .Resolve(c => c.Source is { AccountHolders15Plus: { } h, Residents15Plus: > 0 and var r } ? (double)h / r : (double?)null)
            .FieldType.Needs(nameof(WardReport.AccountHolders15Plus), nameof(WardReport.Residents15Plus));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReportQualityFlagGraphType>>>>("qualityFlags")
            .Description("Data-quality findings; the figures are kept as reported.")
            .Resolve(c => Enum.GetValues<ReportQualityFlags>().Where(f => f != ReportQualityFlags.None && c.Source.QualityFlags.HasFlag(f)).ToList())
            .FieldType.Needs(nameof(WardReport.QualityFlags));
        Field(r => r.Source).Description("Where the figures come from.");
        Field(r => r.IsSynthetic).Description("True for generated demo figures.");
        Field(r => r.RecordedAt).Description("When the hub received the figures.");
        Field<NonNullGraphType<WardGraphType>>("ward")
            .Description("The reporting ward.")
            .ResolveReference(x => x.WardId, nameof(WardReport.WardId), "Ward", db => db.Wards, WardGraphType.Key);
    }
}

public sealed class ReportQualityFlagGraphType : EnumerationGraphType
{
    public ReportQualityFlagGraphType()
    {
        Name = "ReportQualityFlag";
        Description = "A data-quality finding on a report.";
        Add("RESIDENTS15_PLUS_EXCEED_POPULATION", ReportQualityFlags.Residents15PlusExceedPopulation, "More residents aged 15+ than residents.");
        Add("HOLDERS_EXCEED_RESIDENTS15_PLUS", ReportQualityFlags.HoldersExceedResidents15Plus, "More account holders than residents aged 15+.");
        Add("MISSING_HOUSEHOLDS", ReportQualityFlags.MissingHouseholds, "The households cell was blank.");
        Add("MONTH_ON_MONTH_JUMP", ReportQualityFlags.MonthOnMonthJump, "A figure moved more than the configured share since the previous month.");
        Add("MISSING_ACCOUNT_FIGURES", ReportQualityFlags.MissingAccountFigures, "Residents 15+ or account holders were blank.");
    }
}
