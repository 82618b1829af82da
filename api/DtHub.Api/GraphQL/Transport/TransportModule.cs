using DtHub.Api.GraphQL.Transport.Limits;

namespace DtHub.Api.GraphQL.Transport;

/// <summary>Wires the GraphQL HTTP transport: <c>/graphql</c>, <c>/graphql/schema.graphql</c> and <c>/graphql/ui</c>.</summary>
public static class TransportModule
{
    public static IHostApplicationBuilder AddGraphQLTransport(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GraphQLTransportOptions>()
            .Bind(builder.Configuration.GetSection(GraphQLTransportOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<TransportValidationRules>();
        builder.Services.AddSingleton<GraphQLRequestReader>();
        builder.Services.AddOptions<Uploads.UploadOptions>().Bind(builder.Configuration.GetSection(Uploads.UploadOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<Uploads.MultipartRequestReader>();
        builder.Services.AddSingleton<GraphQLResponseWriter>();
        builder.Services.AddSingleton<GraphQLHttpEndpoint>();
        builder.Services.AddSingleton<GraphiQLEndpoint>();
        return builder;
    }

    public static WebApplication MapHubGraphQL(this WebApplication app)
    {
        // Every method reaches the endpoint, so that it can answer 405 with Allow itself.
        app.Map("/graphql", (HttpContext http, GraphQLHttpEndpoint endpoint) => endpoint.HandleAsync(http));
        app.MapGet("/graphql/schema.graphql", SchemaSdlEndpoint.HandleAsync);
        app.MapGet("/graphql/ui/{**path}", (HttpContext http, string? path, GraphiQLEndpoint endpoint) => endpoint.HandleAsync(http, path));
        return app;
    }
}
