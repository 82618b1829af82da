using DtHub.Api.Data;
using DtHub.Api.Features.Aggregates;
using DtHub.Api.Features.Aggregates.GraphQL;
using DtHub.Api.GraphQL;
using DtHub.Api.GraphQL.Filtering;
using DtHub.Api.GraphQL.Projection;
using DtHub.Api.GraphQL.Relay;
using DtHub.Api.GraphQL.Scalars;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DtHub.Api.Features.Wards;

/// <summary>
/// <c>wards(byIndicator: { indicator, month, gte, lte, order })</c>: wards filtered and ranked by a precomputed
/// indicator ("wards under 65 %, lowest first"). The ranking comes from the aggregates; <c>where</c> still applies.
/// </summary>
internal static class WardsByIndicator
{
    public static async Task<Connection<Ward>> ResolveAsync(IResolveFieldContext c, WardQueryModel model, IDictionary<string, object?> input, Func<HubDbContext, IQueryable<Ward>> source)
    {
        var indicator = (AggregateIndicator)input["indicator"]!;
        var month = (DateOnly)input["month"]!;
        decimal? Bound(string key) => input.TryGetValue(key, out var v) && v is not null ? Convert.ToDecimal(v, System.Globalization.CultureInfo.InvariantCulture) : null;
        var descending = input.TryGetValue("order", out var o) && o is SortDirection.Descending;
        var ranked = await c.RequestServices!.GetRequiredService<AggregateReader>()
            .RankWardsAsync(indicator, month, Bound("gte"), Bound("lte"), descending, c.CancellationToken);
        if (Bound("gte") is not null || Bound("lte") is not null) ranked = ranked.Where(r => r.Value is not null).ToList();

        var factory = c.RequestServices!.GetRequiredService<IDbContextFactory<HubDbContext>>();
        await using var db = await factory.CreateDbContextAsync(c.CancellationToken);
        var rankedIds = ranked.Select(r => r.WardId).ToList();
        var allowed = (await source(db).AsNoTracking().ApplyWhere(model, EntityConnections.Where(c))
            .Where(w => rankedIds.Contains(w.Id)).Select(w => w.Id).ToListAsync(c.CancellationToken)).ToHashSet();
        var ordered = rankedIds.Where(allowed.Contains).ToList();

        var page = PageRequest.From(c, c.RequestServices!.GetRequiredService<IOptions<PagingOptions>>().Value);
        var (skip, take) = page.Window(ordered.Count);
        var pageIds = ordered.Skip(skip).Take(take ?? int.MaxValue).ToList();
        var rows = await db.Wards.AsNoTracking().Where(w => pageIds.Contains(w.Id))
            .Project(c, connection: true, model.TypeName).ToListAsync(c.CancellationToken);
        var byId = rows.ToDictionary(w => w.Id);
        return page.ToConnection(pageIds.Select(id => byId[id]).ToList(), skip, take, ordered.Count);
    }
}

/// <summary>The <c>byIndicator</c> argument of <c>wards</c>.</summary>
public sealed class WardIndicatorFilterInputType : InputObjectGraphType
{
    public WardIndicatorFilterInputType()
    {
        Name = "WardIndicatorFilterInput";
        Description = "Filter and rank wards by a precomputed indicator, e.g. { indicator: ACCOUNT_OWNERSHIP, month: \"2022-06\", lte: 0.65, order: ASC }.";
        Field<NonNullGraphType<AggregateIndicatorGraphType>>("indicator").Description("The indicator.");
        Field<NonNullGraphType<MonthGraphType>>("month").Description("The month (only account ownership differs by month).");
        Field<FloatGraphType>("gte").Description("At least this value (a fraction 0–1).");
        Field<FloatGraphType>("lte").Description("At most this value (a fraction 0–1).");
        Field<SortEnumGraphType>("order").Description("ASC (default): lowest first; DESC: highest first. Wards without a value come last.");
    }
}
