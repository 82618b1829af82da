using DtHub.Api.GraphQL;
using DtHub.Api.GraphQL.Compilation;
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
                var source = Source(c.GetArgument<bool>("includeHistoric"));
                return c.Arguments?["byIndicator"].Value is IDictionary<string, object?> byIndicator
                    ? await WardsByIndicator.ResolveAsync(c, model, byIndicator, source)
                    : await EntityConnections.ResolveAsync(c, model, source);
            })
            // Ranking by an indicator reads the aggregates: resolvers only.
            .FieldType.CompilesTo(new RootConnectionSql<Ward>(model, (db, argument) =>
                argument("byIndicator") is null ? Source(argument("includeHistoric") is true)(db) : null));

    private static Func<Data.HubDbContext, IQueryable<Ward>> Source(bool includeHistoric)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return db => includeHistoric ? db.Wards : db.Wards.Where(w => w.ValidTo == null || w.ValidTo > today);
    }

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
