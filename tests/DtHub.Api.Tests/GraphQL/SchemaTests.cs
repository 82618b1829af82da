using DtHub.Api.Tests.Infrastructure;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace DtHub.Api.Tests.GraphQL;

[Collection(DatabaseCollection.Name)]
public sealed class SchemaTests(HubDatabase hub)
{
    [Fact]
    public void Schema_builds_and_prints()
    {
        using var app = new HubApp(hub);
        var schema = app.Services.GetRequiredService<ISchema>();
        var sdl = schema.Print(new global::GraphQL.Utilities.PrintOptions { IncludeDescriptions = true });
        File.WriteAllText("/tmp/schema.graphql", sdl);
        Assert.Contains("type Ward implements Node", sdl);
    }
}
