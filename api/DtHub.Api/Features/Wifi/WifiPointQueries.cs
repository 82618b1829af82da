using DtHub.Api.GraphQL;
using DtHub.Api.GraphQL.Relay;

namespace DtHub.Api.Features.Wifi;

/// <summary>Root fields for Wi-Fi points.</summary>
public sealed class WifiPointQueries(WifiPointQueryModel model) : IQueryFields
{
    public void AddTo(HubQuery query) =>
        query.Connection<object?, WifiPointGraphType, WifiPoint, WifiPointFilterInputType, WifiPointSortInputType>("wifiPoints",
                "Public Wi-Fi points; order by nearest for the closest ones.")
            .ResolveRows(model, db => db.WifiPoints);

    public static INodeSource Node() => new NodeSource<WifiPoint>("WifiPoint",
        (c, id) => EntityLookup.Load(c, id, "WifiPoint", db => db.WifiPoints, w => w.Id));
}

public static class WifiModule
{
    public static IServiceCollection AddWifi(this IServiceCollection services)
    {
        services.AddSingleton<WifiPointQueryModel>();
        services.AddSingleton<IQueryFields, WifiPointQueries>();
        services.AddSingleton(WifiPointQueries.Node());
        services.AddSingleton<IMutationFields, WifiPointMutations>();
        return services;
    }
}
