using GraphQL.Types;

namespace DtHub.Api.GraphQL;

/// <summary>The hub's GraphQL schema: queries and mutations are contributed by the features.</summary>
public sealed class HubSchema : Schema
{
    public HubSchema(IServiceProvider services, HubQuery query) : base(services)
    {
        Query = query;
        Description = "DtHub: wards, neighbourhoods, teams, merchants, Wi-Fi and model streets of a city's digital transformation.";
    }
}

/// <summary>Root query type.</summary>
public sealed class HubQuery : ObjectGraphType
{
    public HubQuery()
    {
        Name = "Query";
        Description = "Everything the hub can be asked.";
        Field<NonNullGraphType<StringGraphType>>("hubVersion")
            .Description("Version of the running hub.")
            .Resolve(_ => typeof(HubQuery).Assembly.GetName().Version?.ToString() ?? "0");
    }
}
