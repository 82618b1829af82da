using DtHub.Api.GraphQL;
using DtHub.Api.GraphQL.Relay;
using GraphQL;
using GraphQL.Types;

namespace DtHub.Api.Features.Wards;

/// <summary>Root fields for wards.</summary>
public sealed class WardQueries(WardQueryModel model) : IQueryFields
{
    public void AddTo(HubQuery query) =>
        query.Connection<object?, WardGraphType, Ward, WardFilterInputType, WardSortInputType>("wards",
                "Wards and communes. By default only units valid today; filter on validFrom/validTo for history.")
            .Argument<BooleanGraphType>("includeHistoric", "Also return units closed by a merge or split (default false).")
            .Argument<WardIndicatorFilterInputType>("byIndicator", "Filter and rank by an indicator; replaces order.")
            .ResolveAsync(async c =>
            {
                var today = DateOnly.FromDateTime(DateTime.UtcNow);
                var historic = c.GetArgument<bool>("includeHistoric");
                Func<Data.HubDbContext, IQueryable<Ward>> source = db => historic ? db.Wards : db.Wards.Where(w => w.ValidTo == null || w.ValidTo > today);
                return c.Arguments?["byIndicator"].Value is IDictionary<string, object?> byIndicator
                    ? await WardsByIndicator.ResolveAsync(c, model, byIndicator, source)
                    : await EntityConnections.ResolveAsync(c, model, source);
            });

    public static INodeSource Node() => new NodeSource<Ward>("Ward",
        (c, id) => EntityLookup.Load(c, id, "Ward", db => db.Wards, w => (long)w.Id));
}

public static class WardModule
{
    public static IServiceCollection AddWards(this IServiceCollection services)
    {
        services.AddSingleton<WardQueryModel>();
        services.AddSingleton<IQueryFields, WardQueries>();
        services.AddSingleton(WardQueries.Node());
        return services;
    }
}
