using DtHub.Api.GraphQL.Filtering;
using DtHub.Api.GraphQL.Compilation;
using DtHub.Api.Tests.Infrastructure;
using GraphQL.DI;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DtHub.Api.Tests.GraphQL;

/// <summary>
/// <c>code: { startsWith }</c> reads a range of the code index even in a prepared statement's generic plan, where
/// PostgreSQL cannot turn a LIKE parameter into a range (it walked the code index from its start before), and a
/// keyset page starts at its cursor on the same index.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class CodePrefixTests(HubDatabase hub) : IAsyncLifetime
{
    private HubApiFactory _api = null!;

    public async Task InitializeAsync()
    {
        await hub.UseEmptyAsync();
        await using var db = hub.CreateContext();
        // 6,000 small wards in 30 "provinces" (P01-… to P30-…), so reading them all costs more than a range.
        await GridWards.InsertAsync(db, count: 6000, provinces: 30);
        _api = new HubApiFactory(hub.ConnectionString);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Theory]
    [InlineData("P05-", "P05.")]
    [InlineData("Phường Đ", "Phường đ")] // U+0110 → U+0111
    [InlineData("a\U0010FFFF", "b")]
    [InlineData("\uD7FF", "\uE000")]
    public void The_successor_follows_every_string_with_the_prefix(string prefix, string expected) =>
        Assert.Equal(expected, FilterTranslator.PrefixSuccessor(prefix));

    [Fact]
    public void An_empty_prefix_has_no_successor() => Assert.Null(FilterTranslator.PrefixSuccessor(""));

    [Fact]
    public async Task A_prefix_filter_reads_a_range_of_the_code_index_in_the_generic_plan_on_every_page()
    {
        const string query = """
            query($p: String!, $after: String) {
              wards(first: 50, after: $after, where: { code: { startsWith: $p } }, order: [{ code: ASC }]) {
                pageInfo { endCursor } nodes { code } } }
            """;
        string? after = null;
        var seen = new List<string>();
        for (var page = 0; page < 3; page++)
        {
            var variables = new Dictionary<string, object?> { ["p"] = "P17-", ["after"] = after };
            var first = await _api.ExecuteAsync(query, variables);
            var again = await _api.ExecuteAsync(query, variables); // the second is compiled: its statement is the one to plan
            Assert.Equal(first.GetProperty("data").GetProperty("wards").GetProperty("nodes").ToString(),
                again.GetProperty("data").GetProperty("wards").GetProperty("nodes").ToString());
            var wards = again.GetProperty("data").GetProperty("wards");
            seen.AddRange(wards.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("code").GetString()!));
            after = wards.GetProperty("pageInfo").GetProperty("endCursor").GetString();

            var statement = _api.Services.GetServices<IConfigureExecution>().OfType<CompiledReads>().Single().LastStatement!;
            var plan = await GenericPlans.ExplainAsync(hub.DataSource, statement);
            Assert.DoesNotContain("Seq Scan on wards", plan, StringComparison.Ordinal);
            Assert.Matches(@"Index Cond: \(\(\(?code\)?(::text)? >= ", plan);
            // The (code, id) index, in the page's order: on a large range the plan walks it and stops after the page.
            Assert.Contains("ix_wards_code_id", plan, StringComparison.Ordinal);

        }
        // 200 wards start with P17- (every 30th of 6,000): three pages of 50, in code order, none repeated.
        Assert.Equal(150, seen.Count);
        Assert.All(seen, c => Assert.StartsWith("P17-", c, StringComparison.Ordinal));
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
        Assert.Equal(150, seen.Distinct().Count());
    }

    [Theory]
    [InlineData("@Value")]
    [InlineData("@p")]
    [InlineData("@p0")]
    [InlineData("@__p_0")]
    [InlineData("@c0")]
    public async Task A_prefix_that_reads_like_a_parameter_stays_a_literal(string prefix)
    {
        await using (var db = hub.CreateContext())
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO wards (code, name, kind, geometry, label_point, valid_from, is_synthetic, updated_at)
                SELECT {0} || '-W' || g, 'Phường ' || g, 'Phuong', ST_Multi(ST_MakeEnvelope(99, 9, 99.0009, 9.0009, 4326)),
                       ST_SetSRID(ST_MakePoint(99.0004, 9.0004), 4326), '2020-01-01', true, now()
                FROM generate_series(1, 3) g
                ON CONFLICT DO NOTHING
                """, prefix);
        var query = $$"""{ wards(first: 10, where: { code: { startsWith: "{{prefix}}-" } }, order: [{ code: ASC }]) { nodes { code } } }""";
        var byResolvers = await _api.ExecuteAsync(query);
        var compiled = await _api.ExecuteAsync(query); // the second is compiled
        Assert.Equal([$"{prefix}-W1", $"{prefix}-W2", $"{prefix}-W3"],
            compiled.GetProperty("data").GetProperty("wards").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("code").GetString()));
        Assert.Equal(byResolvers.ToString(), compiled.ToString());
    }
}
