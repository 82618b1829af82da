using DtHub.Api.Tests.Infrastructure;
using Snapshooter.Xunit;

namespace DtHub.Api.Tests.GraphQL;

/// <summary>The public schema is pinned: any change to the SDL shows up in review as a snapshot diff.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class SchemaTests(HubDatabase hub)
{
    [Fact]
    public async Task Schema_sdl_is_pinned()
    {
        using var client = hub.Api.CreateClient();
        var sdl = await client.GetStringAsync("graphql/schema.graphql");
        Assert.Contains("type Ward implements Node", sdl, StringComparison.Ordinal);
        Snapshot.Match(sdl);
    }
}
