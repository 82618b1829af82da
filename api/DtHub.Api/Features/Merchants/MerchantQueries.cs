using DtHub.Api.GraphQL;
using DtHub.Api.GraphQL.Relay;

namespace DtHub.Api.Features.Merchants;

/// <summary>Root fields for merchants.</summary>
public sealed class MerchantQueries(MerchantQueryModel model) : IQueryFields
{
    public void AddTo(HubQuery query) =>
        query.Connection<object?, MerchantGraphType, Merchant, MerchantFilterInputType, MerchantSortInputType>("merchants",
                "Merchants; filter by category, QR status, text and location (metres).")
            .ResolveRows(model, db => db.Merchants);

    public static INodeSource Node() => new NodeSource<Merchant>("Merchant",
        (c, id) => EntityLookup.Load(c, id, "Merchant", db => db.Merchants, m => m.Id));
}

public static class MerchantModule
{
    public static IServiceCollection AddMerchants(this IServiceCollection services)
    {
        services.AddSingleton<MerchantQueryModel>();
        services.AddSingleton<IQueryFields, MerchantQueries>();
        services.AddSingleton(MerchantQueries.Node());
        services.AddSingleton<IMutationFields, MerchantMutations>();
        return services;
    }
}
