using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.Options;

namespace DtHub.Api.GraphQL.Transport;

/// <summary><c>/graphql/schema.graphql</c>: the schema as SDL, for code generators and reviewers (off with introspection).</summary>
public static class SchemaSdlEndpoint
{
    public static async Task HandleAsync(HttpContext http, ISchema schema, IOptions<GraphQLTransportOptions> options)
    {
        http.Response.ContentType = "text/plain; charset=utf-8";
        if (!options.Value.EnableIntrospection)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            await http.Response.WriteAsync(
                $"The schema is not published on this server ({GraphQLTransportOptions.Key(nameof(GraphQLTransportOptions.EnableIntrospection))} is false).\n");
            return;
        }
        schema.Initialize();
        await http.Response.WriteAsync(schema.Print(), http.RequestAborted);
    }
}
