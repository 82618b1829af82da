using DtHub.Api.Data;
using DtHub.Api.Features.Auth;
using DtHub.Api.GraphQL;
using DtHub.Api.GraphQL.Mutations;
using DtHub.Api.GraphQL.Scalars;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace DtHub.Api.Features.Reports;

/// <summary>submitWardReport: a ward officer's monthly figures. A second submission for the same month supersedes the first; history keeps both.</summary>
public sealed class WardReportMutations : IMutationFields
{
    public void AddTo(HubMutation mutation) =>
        mutation.Field<NonNullGraphType<WardReportPayloadGraphType>>("submitWardReport")
            .Description("Submits a ward's figures for a month. Suspicious figures are kept and flagged, not refused.")
            .Argument<NonNullGraphType<SubmitWardReportInputGraphType>>("input")
            .ResolveAsync(async c => await SubmitAsync(c));

    private static async Task<Payload<WardReport>> SubmitAsync(IResolveFieldContext context)
    {
        var input = new InputReader((IDictionary<string, object?>)context.Arguments!["input"].Value!);
        var wardId = input.Id("wardId", "Ward", required: true);
        var month = input.Value<DateOnly>("month", required: true);
        var households = input.Count("households");
        var population = input.Count("population");
        var residents15Plus = input.Count("residents15Plus");
        var holders = input.Count("accountHolders15Plus");
        var source = input.Text("source", required: false, maxLength: 500);
        if (month is { } m && m > DateOnly.FromDateTime(DateTime.UtcNow))
            input.Errors.Add(new MutationError("OUT_OF_RANGE", "month", $"{MonthGraphType.Format(m)} has not started yet."));
        if (input.Errors.Count > 0) return Payload<WardReport>.Failed(input.Errors);

        var factory = context.RequestServices!.GetRequiredService<IDbContextFactory<HubDbContext>>();
        await using var db = await factory.CreateDbContextAsync(context.CancellationToken);
        if (!await db.Wards.AnyAsync(w => w.Id == wardId, context.CancellationToken))
            return Payload<WardReport>.Failed(MutationError.NotFound("wardId", "ward"));
        if (await WriteAccess.DenyAsync(context, "wardId", null, null, (int)wardId!.Value) is { } denied)
            return Payload<WardReport>.Failed(denied);

        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        var now = DateTimeOffset.UtcNow;
        await db.WardReports
            .Where(r => r.WardId == wardId && r.Month == month && r.SupersededAt == null)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.SupersededAt, now), context.CancellationToken);
        var report = new WardReport
        {
            WardId = (int)wardId!.Value,
            Month = month!.Value,
            Households = households,
            Population = population,
            Residents15Plus = residents15Plus,
            AccountHolders15Plus = holders,
            QualityFlags = WardReport.Assess(households, population, residents15Plus, holders),
            Source = source ?? "submitWardReport",
            RecordedAt = now,
        };
        db.WardReports.Add(report);
        await db.SaveChangesAsync(context.CancellationToken);
        await transaction.CommitAsync(context.CancellationToken);
        return new Payload<WardReport>(report, []);
    }
}

public sealed class WardReportPayloadGraphType() : PayloadGraphType<WardReportGraphType, WardReport>("WardReportPayload", "report");

public sealed class SubmitWardReportInputGraphType : InputObjectGraphType
{
    public SubmitWardReportInputGraphType()
    {
        Name = "SubmitWardReportInput";
        Description = "A ward's figures for one month; leave a figure out when the report has it blank.";
        Field<NonNullGraphType<IdGraphType>>("wardId").Description("The reporting ward.");
        Field<NonNullGraphType<MonthGraphType>>("month").Description("The month, \"YYYY-MM\".");
        Field<IntGraphType>("households").Description("Households.");
        Field<IntGraphType>("population").Description("Residents.");
        Field<IntGraphType>("residents15Plus").Description("Residents aged 15 and over.");
        Field<IntGraphType>("accountHolders15Plus").Description("Residents aged 15+ holding an account.");
        Field<StringGraphType>("source").Description("Where the figures come from (document, meeting…).");
    }
}
