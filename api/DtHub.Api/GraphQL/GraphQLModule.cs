using GraphQL;

namespace DtHub.Api.GraphQL;

public static class GraphQLModule
{
    /// <summary>Registers the schema, its types and the executer. The HTTP transport lives in <c>GraphQL/Transport</c>.</summary>
    public static IHostApplicationBuilder AddHubGraphQL(this IHostApplicationBuilder builder)
    {
        builder.Services.AddGraphQL(graphql => graphql
            .AddSchema<HubSchema>()
            .AddSystemTextJson()
            .AddGraphTypes(typeof(HubSchema).Assembly)
            .AddErrorInfoProvider(o => o.ExposeExceptionDetails = builder.Environment.IsDevelopment()));
        return builder;
    }
}
