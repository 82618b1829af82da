using DtHub.Api.GraphQL;
using DtHub.Api.GraphQL.Relay;

namespace DtHub.Api.Features.Neighborhoods;

/// <summary>Root fields for neighbourhoods.</summary>
public sealed class NeighborhoodQueries(NeighborhoodQueryModel model) : IQueryFields
{
    public void AddTo(HubQuery query) =>
        query.Connection<object?, NeighborhoodGraphType, Neighborhood, NeighborhoodFilterInputType, NeighborhoodSortInputType>("neighborhoods",
                "Neighbourhoods and hamlets valid today.")
            .ResolveAsync(async c =>
            {
                var today = DateOnly.FromDateTime(DateTime.UtcNow);
                return await EntityConnections.ResolveAsync(c, model, db => db.Neighborhoods.Where(n => n.ValidTo == null || n.ValidTo > today));
            });

    public static INodeSource Node() => new NodeSource<Neighborhood>("Neighborhood",
        (c, id) => EntityLookup.Load(c, id, "Neighborhood", db => db.Neighborhoods, n => (long)n.Id));
}

public static class NeighborhoodModule
{
    public static IServiceCollection AddNeighborhoods(this IServiceCollection services)
    {
        services.AddSingleton<NeighborhoodQueryModel>();
        services.AddSingleton<IQueryFields, NeighborhoodQueries>();
        services.AddSingleton(NeighborhoodQueries.Node());
        return services;
    }
}
