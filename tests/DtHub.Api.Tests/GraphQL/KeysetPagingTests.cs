using System.Text.Json;
using DtHub.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace DtHub.Api.Tests.GraphQL;

/// <summary>
/// Pages after the first seek by the cursor's sort values (<c>WHERE (name, id) &lt; …</c>) instead of OFFSET, and walking
/// them gives exactly the rows, in exactly the order, PostgreSQL gives for the same ORDER BY.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class KeysetPagingTests(HubDatabase hub) : IAsyncLifetime
{
    private readonly QueryPlanRecorder _statements = new();
    private HubApiFactory _api = null!;

    public async Task InitializeAsync()
    {
        await hub.UseDemoDataAsync();
        // These tests read the SQL of the resolver path; CompiledReadsTests checks the compiled statements' seek.
        _api = new HubApiFactory(hub.ConnectionString, new Dictionary<string, string?> { ["GraphQL:CompiledReads:Enabled"] = "false" },
            configureServices: s => s.AddSingleton<IInterceptor>(_statements));
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Theory]
    [InlineData("[{ name: DESC }]", "name DESC, id")]
    [InlineData("[{ acceptsQr: ASC }, { name: ASC }]", "accepts_qr, name, id")] // booleans page by offset
    [InlineData("[{ category: ASC }]", "category, id")] // enums page by offset
    [InlineData("[{ updatedAt: DESC }]", "updated_at DESC, id")]
    public async Task Walking_every_page_gives_the_database_order(string order, string orderBy)
    {
        var expected = new List<string>();
        await using (var command = hub.DataSource.CreateCommand($"SELECT name FROM merchants ORDER BY {orderBy}"))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) expected.Add(reader.GetString(0));

        var names = new List<string>();
        string? after = null;
        do
        {
            var page = await PageAsync(order, after);
            names.AddRange(page.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("name").GetString()!));
            var info = page.GetProperty("pageInfo");
            Assert.Equal(after is not null, info.GetProperty("hasPreviousPage").GetBoolean());
            after = info.GetProperty("hasNextPage").GetBoolean() ? info.GetProperty("endCursor").GetString() : null;
        } while (after is not null);

        Assert.Equal(3_000, expected.Count);
        Assert.Equal(expected, names);
    }

    [Fact]
    public async Task Pages_after_the_first_seek_instead_of_skipping()
    {
        var first = await PageAsync("[{ name: DESC }]", null);
        _statements.Clear();
        await PageAsync("[{ name: DESC }]", EndCursor(first));

        var (sql, _) = Assert.Single(_statements.Plans, p => p.Sql.Contains("FROM merchants", StringComparison.Ordinal));
        Assert.DoesNotContain("OFFSET", sql, StringComparison.Ordinal);
        Assert.Contains("m.name <", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cursor_of_another_order_still_pages_by_its_offset()
    {
        // The name-ordered cursor points at offset 99: under the default order it continues at offset 100,
        // exactly where the default order's own (keyset) cursor continues.
        var byName = await PageAsync("[{ name: DESC }]", null);
        var viaForeignCursor = await PageAsync("null", EndCursor(byName));
        var viaOwnCursor = await PageAsync("null", EndCursor(await PageAsync("null", null)));

        Assert.Equal(Names(viaOwnCursor), Names(viaForeignCursor));
        Assert.NotEqual(Names(byName).First(), Names(viaOwnCursor).First());
    }

    [Fact]
    public async Task A_forged_cursor_with_values_of_the_wrong_type_pages_by_its_offset()
    {
        // The right order's signature, but text where the id must be a number.
        var forged = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("k:99:Id+:[\"not a number\"]"));
        var viaForged = await PageAsync("null", forged);
        var viaOwnCursor = await PageAsync("null", EndCursor(await PageAsync("null", null)));
        Assert.Equal(Names(viaOwnCursor), Names(viaForged));
    }

    private static string EndCursor(JsonElement page) => page.GetProperty("pageInfo").GetProperty("endCursor").GetString()!;

    private static IEnumerable<string> Names(JsonElement page) =>
        page.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("name").GetString()!);

    private async Task<JsonElement> PageAsync(string order, string? after)
    {
        var result = await _api.ExecuteAsync($$"""
            query($after: String) { merchants(first: 100, after: $after, order: {{order}}) {
              pageInfo { hasNextPage hasPreviousPage endCursor } nodes { name } } }
            """, new { after });
        Assert.False(result.TryGetProperty("errors", out var errors), errors.ToString());
        return result.GetProperty("data").GetProperty("merchants");
    }
}
