using System.Net;
using DtHub.Api.Tests.Infrastructure;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static DtHub.Api.Tests.GraphQL.Transport.GraphQLHttp;

namespace DtHub.Api.Tests.GraphQL.Transport;

/// <summary>Each abuse shape is refused before execution, with an error that names the limit's configuration key.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class GraphQLLimitsTests(HubDatabase hub) : IDisposable
{
    private readonly HttpClient _client = hub.Api.CreateClient();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Depth_15_runs_and_depth_16_is_refused_naming_the_limit()
    {
        var allowed = await PostAsync(_client, new { query = QueryOfDepth(15) });
        Assert.Equal(HttpStatusCode.OK, allowed.Status);
        Assert.Empty(allowed.ErrorMessages);

        var refused = await PostAsync(_client, new { query = QueryOfDepth(16) });
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("Query has depth 16; the limit is 15 (GraphQL:Transport:MaxDepth).", Assert.Single(refused.ErrorMessages));
        Assert.False(refused.HasData);
    }

    [Fact]
    public async Task Thirty_aliases_run_and_31_are_refused_naming_the_limit()
    {
        var allowed = await PostAsync(_client, new { query = QueryWithAliases(30) });
        Assert.Equal(HttpStatusCode.OK, allowed.Status);

        var refused = await PostAsync(_client, new { query = QueryWithAliases(31) });
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("Query has 31 aliases; the limit is 30 (GraphQL:Transport:MaxAliases).", refused.ErrorMessages);
        Assert.False(refused.HasData);
    }

    [Fact]
    public async Task Aliases_in_a_fragment_count_each_time_it_is_spread()
    {
        var fields = string.Join(" ", Enumerable.Range(0, 8).Select(i => $"f{i}: name"));
        var query = $$"""
            { __type(name: "Query") { ...F a: fields { ...T } b: fields { ...T } c: fields { ...T } } }
            fragment F on __Type { {{fields}} }
            fragment T on __Field { {{fields}} }
            """;

        var refused = await PostAsync(_client, new { query });

        // 8 in F, 3 field aliases, 3 × 8 in T.
        Assert.Equal("Query has 35 aliases; the limit is 30 (GraphQL:Transport:MaxAliases).", Assert.Single(refused.ErrorMessages));
    }

    [Fact]
    public async Task Fragment_cycle_is_refused_without_running()
    {
        const string query = """
            { __type(name: "Query") { ...A } }
            fragment A on __Type { name ofType { ...B } }
            fragment B on __Type { name ofType { ...A } }
            """;

        var refused = await PostAsync(_client, new { query });

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains(refused.ErrorMessages, m => m.Contains("Cannot spread fragment 'A' within itself", StringComparison.Ordinal));
        Assert.False(refused.HasData);
    }

    [Fact]
    public async Task More_than_20_root_fields_are_refused_naming_the_limit()
    {
        var refused = await PostAsync(_client, new { query = QueryWithRootFields(21) });

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("Query has 21 root fields; the limit is 20 (GraphQL:Transport:MaxRootFields).", Assert.Single(refused.ErrorMessages));
    }

    [Fact]
    public async Task Complexity_over_the_cap_is_refused_naming_the_limit()
    {
        await using var api = new HubApiFactory(hub.ConnectionString, new Dictionary<string, string?> { ["GraphQL:Transport:MaxComplexity"] = "10" });
        using var client = api.CreateClient();

        var refused = await PostAsync(client, new { query = QueryWithRootFields(15) });

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("Query has complexity 15; the limit is 10 (GraphQL:Transport:MaxComplexity).", Assert.Single(refused.ErrorMessages));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, new { query = "{ __typename }" })).Status);
    }

    [Fact]
    public async Task Introspection_can_be_turned_off_and_then_the_sdl_is_not_served_either()
    {
        await using var api = new HubApiFactory(hub.ConnectionString, new Dictionary<string, string?> { ["GraphQL:Transport:EnableIntrospection"] = "false" });
        using var client = api.CreateClient();

        var refused = await PostAsync(client, new { query = "{ __schema { queryType { name } } }" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("Introspection (__schema) is disabled on this server (GraphQL:Transport:EnableIntrospection).", Assert.Single(refused.ErrorMessages));

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, new { query = "{ __typename }" })).Status);
        using var sdl = await client.GetAsync("graphql/schema.graphql");
        Assert.Equal(HttpStatusCode.NotFound, sdl.StatusCode);
    }

    [Fact]
    public async Task Execution_past_the_timeout_is_cancelled_with_its_sql_and_answers_504()
    {
        await using var api = new HubApiFactory(hub.ConnectionString,
            new Dictionary<string, string?> { ["GraphQL:Transport:ExecutionTimeout"] = "00:00:00.300", ["GraphQL:PersistedOperations:Mode"] = "Off" },
            services => services.AddSingleton<ISchema>(sp => new SleepySchema(sp)));
        using var client = api.CreateClient();

        var answer = await PostAsync(client, new { query = "{ sleep(seconds: 30) }" });

        Assert.Equal(HttpStatusCode.GatewayTimeout, answer.Status);
        Assert.Equal("Execution exceeded 0.3 s and was cancelled (GraphQL:Transport:ExecutionTimeout).", Assert.Single(answer.ErrorMessages));
        await using var check = hub.DataSource.CreateCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'SELECT pg_sleep%' AND pid <> pg_backend_pid()");
        Assert.Equal(0L, await check.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Invalid_limit_configuration_stops_the_api_at_start()
    {
        await using var api = new HubApiFactory(hub.ConnectionString, new Dictionary<string, string?> { ["GraphQL:Transport:MaxDepth"] = "0" });

        var error = Assert.ThrowsAny<Exception>(() => api.BaseAddress);

        Assert.Contains("MaxDepth", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_documents_run_no_sql()
    {
        // The registered operations are written for the hub's schema, not this one.
        await using var api = new HubApiFactory(hub.ConnectionString, new Dictionary<string, string?> { ["GraphQL:PersistedOperations:Mode"] = "Off" },
            services => services.AddSingleton<ISchema>(sp => new SleepySchema(sp)));
        using var client = api.CreateClient();
        var fields = string.Join(" ", Enumerable.Range(0, 31).Select(i => $"s{i}: sleep(seconds: 0)"));
        await PostAsync(client, new { query = "{ sleep(seconds: 0) }" }); // warms the pool (connection setup has its own activity)
        using var sql = new SqlCommandCounter();

        var ran = await PostAsync(client, new { query = "{ sleep(seconds: 0) }" });
        Assert.Equal(HttpStatusCode.OK, ran.Status);
        Assert.Equal(1, sql.Count); // the counter sees the resolver's SQL

        var refused = await PostAsync(client, new { query = $"{{ __type(name: \"Query\") {{ name }} {fields} }}" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(1, sql.Count);
    }

    /// <summary>A schema whose only field runs a long SQL statement, to watch the timeout cancel it.</summary>
    private sealed class SleepySchema : Schema
    {
        public SleepySchema(IServiceProvider services) : base(services)
        {
            var query = new ObjectGraphType { Name = "Query" };
            query.Field<BooleanGraphType>("sleep")
                .Argument<NonNullGraphType<FloatGraphType>>("seconds")
                .ResolveAsync(async context =>
                {
                    await using var command = context.RequestServices!.GetRequiredService<NpgsqlDataSource>().CreateCommand("SELECT pg_sleep($1)");
                    command.Parameters.AddWithValue(context.GetArgument<double>("seconds"));
                    await command.ExecuteNonQueryAsync(context.CancellationToken);
                    return true;
                });
            Query = query;
        }
    }
}
