using DtHub.Api.GraphQL;
using DtHub.Api.GraphQL.Relay;

namespace DtHub.Api.Features.ModelStreets;

/// <summary>Root fields for model streets.</summary>
public sealed class ModelStreetQueries(ModelStreetQueryModel model) : IQueryFields
{
    public void AddTo(HubQuery query) =>
        query.Connection<object?, ModelStreetGraphType, ModelStreet, ModelStreetFilterInputType, ModelStreetSortInputType>("modelStreets",
                "Model streets of all wards.")
            .ResolveRows(model, db => db.ModelStreets);

    public static INodeSource Node() => new NodeSource<ModelStreet>("ModelStreet",
        (c, id) => EntityLookup.Load(c, id, "ModelStreet", db => db.ModelStreets, s => (long)s.Id));
}

public static class ModelStreetModule
{
    public static IServiceCollection AddModelStreets(this IServiceCollection services)
    {
        services.AddSingleton<ModelStreetQueryModel>();
        services.AddSingleton<IQueryFields, ModelStreetQueries>();
        services.AddSingleton(ModelStreetQueries.Node());
        services.AddSingleton<IMutationFields, ModelStreetMutations>();
        return services;
    }
}
