using DtHub.Api.GraphQL.DataLoading;
using DtHub.Api.GraphQL.Execution;
using DtHub.Api.GraphQL.Filtering;
using DtHub.Api.GraphQL.Relay;
using DtHub.Api.GraphQL.Scalars;
using GraphQL;

namespace DtHub.Api.GraphQL;

public static class GraphQLModule
{
    /// <summary>Registers the schema, its types and the executer. The HTTP transport lives in <c>GraphQL/Transport</c>.</summary>
    public static IHostApplicationBuilder AddHubGraphQL(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PagingOptions>().Bind(builder.Configuration.GetSection(PagingOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<DataLoaders>();
        builder.Services.AddTransient(typeof(EnumOperationFilterInputType<>));
        builder.Services.AddTransient(typeof(ConnectionGraphType<,>));
        builder.Services.AddTransient(typeof(EdgeGraphType<,>));
        builder.Services.AddGraphQL(graphql => graphql
            .AddSchema<HubSchema>()
            .AddSystemTextJson(GeoJsonGraphType.AddConverter)
            .AddGraphTypes(typeof(HubSchema).Assembly)
            .ConfigureExecution<DocumentCache>()
            .AddErrorInfoProvider(o => o.ExposeExceptionDetails = builder.Environment.IsDevelopment()));
        return builder;
    }

    /// <summary>Registers a feature's query fields, mutation fields and node source in one call.</summary>
    public static IServiceCollection AddGraphQLFeature<TQueries>(this IServiceCollection services) where TQueries : class, IQueryFields
    {
        services.AddSingleton<IQueryFields, TQueries>();
        return services;
    }
}
