using DtHub.Api.GraphQL.Execution;
using DtHub.Api.Tests.Infrastructure;
using GraphQL.DI;
using Microsoft.Extensions.DependencyInjection;

namespace DtHub.Api.Tests.GraphQL.Transport;

/// <summary>A query text is parsed and validated once; later requests with it reuse the document.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class DocumentCacheTests(HubDatabase hub)
{
    private DocumentCache Cache => hub.Api.Services.GetServices<IConfigureExecution>().OfType<DocumentCache>().Single();

    [Fact]
    public async Task A_valid_query_is_kept_and_answers_the_same_from_the_cache()
    {
        await hub.UseDemoDataAsync(willWrite: false);
        var query = $"query CacheProbe($first: Int) {{ wards(first: $first, order: [{{ code: ASC }}]) {{ nodes {{ code }} }} }} # {Guid.NewGuid()}";

        var first = await hub.Api.ExecuteAsync(query, new { first = 2 });
        Assert.True(Cache.Holds(query));
        var second = await hub.Api.ExecuteAsync(query, new { first = 2 });

        // Same answer, whichever path gave it (a cached document may be answered by the compiled statement).
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(first.GetRawText()),
            System.Text.Json.Nodes.JsonNode.Parse(second.GetRawText())), $"{first} != {second}");
        Assert.Equal(2, second.GetProperty("data").GetProperty("wards").GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public async Task Variables_are_still_checked_on_every_request_of_a_cached_query()
    {
        await hub.UseDemoDataAsync(willWrite: false);
        var query = $"query CacheProbe($first: Int) {{ wards(first: $first) {{ nodes {{ code }} }} }} # {Guid.NewGuid()}";
        await hub.Api.ExecuteAsync(query, new { first = 1 });
        Assert.True(Cache.Holds(query));

        var wrongType = await hub.Api.ExecuteAsync(query, new { first = "many" });

        Assert.Contains("first", wrongType.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_that_fails_validation_is_not_kept()
    {
        await hub.UseDemoDataAsync(willWrite: false);
        var query = $"{{ wards {{ nodes {{ noSuchField }} }} }} # {Guid.NewGuid()}";

        var result = await hub.Api.ExecuteAsync(query);

        Assert.True(result.TryGetProperty("errors", out _));
        Assert.False(Cache.Holds(query));
    }
}
