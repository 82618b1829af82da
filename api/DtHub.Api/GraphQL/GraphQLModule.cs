using DtHub.Api.GraphQL.Compilation;
using DtHub.Api.GraphQL.DataLoading;
using DtHub.Api.GraphQL.Execution;
using DtHub.Api.GraphQL.Filtering;
using DtHub.Api.GraphQL.Relay;
using DtHub.Api.GraphQL.Scalars;
using GraphQL;
using GraphQL.DI;

namespace DtHub.Api.GraphQL;

public static class GraphQLModule
{
    /// <summary>Registers the schema, its types and the executer. The HTTP transport lives in <c>GraphQL/Transport</c>.</summary>
    public static IHostApplicationBuilder AddHubGraphQL(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PagingOptions>().Bind(builder.Configuration.GetSection(PagingOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<CompiledReadsOptions>().Bind(builder.Configuration.GetSection(CompiledReadsOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<DataLoaders>();
        // The compiled path asks the document cache which documents the executer has validated.
        builder.Services.AddSingleton<DocumentCache>();
        builder.Services.AddSingleton<IConfigureExecution>(sp => sp.GetRequiredService<DocumentCache>());
        builder.Services.AddTransient(typeof(EnumOperationFilterInputType<>));
        builder.Services.AddTransient(typeof(ConnectionGraphType<,>));
        builder.Services.AddTransient(typeof(EdgeGraphType<,>));
        builder.Services.AddGraphQL(graphql => graphql
            .AddSchema<HubSchema>()
            .AddSystemTextJson(GeoJsonGraphType.AddConverter)
            .AddGraphTypes(typeof(HubSchema).Assembly)
            .ConfigureExecution<CompiledReads>()
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
