using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DtHub.Api.GraphQL.Compilation;
using DtHub.Api.Tests.Infrastructure;
using GraphQL.DI;
using Microsoft.Extensions.DependencyInjection;

namespace DtHub.Api.Tests.GraphQL;

/// <summary>
/// The one-statement path (<see cref="CompiledReads"/>) answers exactly what the resolvers answer. Each query runs
/// on an API with the compiler off (the reference) and twice on one with it on: the first run is validated and
/// cached by the executer, the second is compiled. The resolvers stay the reference for every shape.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class CompiledReadsTests(HubDatabase hub) : IAsyncLifetime
{
    private const string Centre = """{ type: "Point", coordinates: [107.0845, 10.3460] }""";

    private HubApiFactory _resolvers = null!;
    private HubApiFactory _compiled = null!;

    public async Task InitializeAsync()
    {
        await hub.UseDemoDataAsync();
        _resolvers = new HubApiFactory(hub.ConnectionString, new Dictionary<string, string?> { ["GraphQL:CompiledReads:Enabled"] = "false" });
        _compiled = new HubApiFactory(hub.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _resolvers.DisposeAsync();
        await _compiled.DisposeAsync();
    }

    public static TheoryData<string, string> Queries => new()
    {
        { "ward list with scalars, enums, shapes and page info", """
            { wards(order: [{ code: ASC }]) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
                nodes { id code name kind labelPoint geometry(simplify: 50) validFrom validTo isSynthetic } } }
            """ },
        { "edges with cursors and nested reports", """
            { wards(first: 5, order: [{ name: DESC }]) { edges { cursor node { name
                reports(first: 2, order: [{ month: DESC }]) { totalCount nodes { id month households population residents15Plus accountHolders15Plus } } } }
              pageInfo { endCursor hasNextPage } } }
            """ },
        { "ward detail as the benchmark asks it", """
            { wards(first: 1, where: { code: { eq: "VT01" } }) { nodes { code name kind geometry
                reports(first: 1, order: [{ month: DESC }]) { nodes { month residents15Plus accountHolders15Plus } }
                merchants(first: 50) { totalCount nodes { id name category acceptsQr location } }
                teams(first: 50) { totalCount nodes { id name level foundedOn members(first: 10) { nodes { id role affiliation } } } }
                neighborhoods(first: 5, order: [{ name: ASC }]) { nodes { name kind geometry(simplify: 20) } }
                wifiPoints { nodes { name ssid venueType status radiusMeters location } }
                modelStreets { nodes { id name designatedOn geometry } } } } }
            """ },
        { "merchants near a point, filtered, with distances", $$"""
            { merchants(first: 20, where: { location: { distance: { geometry: {{Centre}}, lte: 800 } }, acceptsQr: { eq: true } }) {
                totalCount nodes { id name category acceptsQr address website location distance(from: {{Centre}}) } } }
            """ },
        { "text filters and orders on several roots", """
            { a: merchants(first: 10, where: { name: { contains: "a" } }, order: [{ name: ASC }]) { __typename nodes { __typename n: name } }
              b: wifiPoints(first: 3, order: [{ name: DESC }]) { nodes { name operator } }
              c: modelStreets(first: 2) { totalCount nodes { name } }
              d: teams(first: 3, where: { level: { eq: WARD } }) { nodes { name level members { totalCount } } }
              e: wardReports(first: 3, where: { month: { eq: "2022-06" } }, order: [{ accountHolders15Plus: DESC }]) { nodes { month accountHolders15Plus } } }
            """ },
        { "historic units and counts only", """
            { all: wards(includeHistoric: true, first: 100) { totalCount } current: wards { totalCount } }
            """ },
        { "references to one entity, set and null", """
            { merchants(first: 8, order: [{ name: ASC }]) { nodes { name ward { code name kind } neighborhood { name code } } }
              teams(first: 5) { nodes { name ward { name } neighborhood { code } members(first: 2) { nodes { role team { name } } } } } }
            """ },
        { "the nearest services under gaps", $$"""
            { gaps { nearestWifi(point: {{Centre}}, count: 7) { distance name radiusMeters location wifiPoint { id name status venueType } }
                q: nearestQrMerchants(point: {{Centre}}) { distance name location merchant { id name category } } } }
            """ },
        { "an empty page", """
            { wards(where: { code: { eq: "no such ward" } }) { totalCount pageInfo { hasNextPage startCursor endCursor } nodes { name } edges { cursor } } }
            """ },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Compiled_answers_equal_the_resolvers(string because, string query)
    {
        var reference = await _resolvers.ExecuteAsync(query);
        Assert.False(reference.TryGetProperty("errors", out var errors), $"{because}: {errors}");

        await _compiled.ExecuteAsync(query);
        var before = Compiler(_compiled).Answered;
        var compiled = await _compiled.ExecuteAsync(query);

        Assert.True(Compiler(_compiled).Answered == before + 1, $"{because}: not answered by the compiled path: {Compiler(_compiled).RefusalOf(query)}");
        AssertSame(reference, compiled, "", because);
    }

    [Fact]
    public async Task The_next_page_from_a_compiled_cursor_is_the_resolvers_next_page()
    {
        const string firstPage = "{ wards(first: 4, order: [{ name: ASC }]) { pageInfo { endCursor } } }";
        const string nextPage = "query($after: String) { wards(first: 4, after: $after, order: [{ name: ASC }]) { pageInfo { hasPreviousPage } nodes { name } } }";
        await _compiled.ExecuteAsync(firstPage);
        var cursor = (await _compiled.ExecuteAsync(firstPage)).GetProperty("data").GetProperty("wards").GetProperty("pageInfo").GetProperty("endCursor").GetString();
        var referenceCursor = (await _resolvers.ExecuteAsync(firstPage)).GetProperty("data").GetProperty("wards").GetProperty("pageInfo").GetProperty("endCursor").GetString();

        var reference = await _resolvers.ExecuteAsync(nextPage, new { after = referenceCursor });
        await _compiled.ExecuteAsync(nextPage, new { after = cursor });
        var compiled = await _compiled.ExecuteAsync(nextPage, new { after = cursor });

        AssertSame(reference, compiled, "", "the second page");
        Assert.Equal(4, compiled.GetProperty("data").GetProperty("wards").GetProperty("nodes").GetArrayLength());
        Assert.True(compiled.GetProperty("data").GetProperty("wards").GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
    }

    [Fact]
    public async Task Every_later_page_of_a_walk_is_one_statement_text_whose_cursors_follow_on()
    {
        // A walk pages by endCursor; from the second page on, the page's place is a parameter, not SQL text, so
        // PostgreSQL prepares and plans the page once per connection instead of once per page.
        const string page = "query($after: String) { wards(first: 2, after: $after, order: [{ code: ASC }]) { pageInfo { endCursor } nodes { code } } }";
        var texts = new List<string>();
        var codes = new List<string>();
        string? after = null;
        for (var i = 0; i < 4; i++)
        {
            await _compiled.ExecuteAsync(page, new { after }); // validated and cached by the executer; the next run compiles
            var before = Compiler(_compiled).Answered;
            var wards = (await _compiled.ExecuteAsync(page, new { after })).GetProperty("data").GetProperty("wards");
            Assert.Equal(before + 1, Compiler(_compiled).Answered);
            texts.Add(Compiler(_compiled).LastStatement!.Sql);
            codes.AddRange(wards.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("code").GetString()!));
            after = wards.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }

        Assert.Single(texts.Skip(1).Distinct());
        var reference = (await _resolvers.ExecuteAsync("{ wards(first: 8, order: [{ code: ASC }]) { nodes { code } } }"))
            .GetProperty("data").GetProperty("wards").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("code").GetString()!);
        Assert.Equal(reference, codes);
    }

    [Theory]
    [InlineData("a field with its own resolver", "{ wards(first: 2) { nodes { name indicators(month: \"2022-06\") { accountOwnership { rate } } } } }")]
    [InlineData("a fragment", "{ wards(first: 2) { nodes { ...w } } } fragment w on Ward { name }")]
    [InlineData("a directive", "query($all: Boolean!) { wards(first: 2) { nodes { name code @include(if: $all) } } }")]
    [InlineData("paging from the end", "{ wards(last: 2) { nodes { name } } }")]
    [InlineData("a namespace field the compiler does not write", "{ gaps { nearestWifi(point: { type: \"Point\", coordinates: [107.08, 10.35] }) { name } neighborhoodsWithoutTeam(first: 2) { totalCount } } }")]
    public async Task Shapes_the_compiler_does_not_write_run_through_the_resolvers(string because, string query)
    {
        var variables = new { all = true };
        var reference = await _resolvers.ExecuteAsync(query, variables);
        await _compiled.ExecuteAsync(query, variables);
        var before = Compiler(_compiled).Answered;
        var answer = await _compiled.ExecuteAsync(query, variables);

        Assert.Equal(before, Compiler(_compiled).Answered);
        Assert.Equal(reference.GetRawText(), answer.GetRawText());
        Assert.False(answer.TryGetProperty("errors", out var errors), $"{because}: {errors}");
    }

    [Theory]
    [InlineData("{ wards(first: 0) { nodes { name } } }", "outside the allowed page size")]
    [InlineData("{ gaps { nearestWifi(point: { type: \"Point\", coordinates: [107.08, 10.35] }, count: 500) { name } } }", "count must be 1–100")]
    public async Task Bad_arguments_get_the_resolvers_errors(string query, string message)
    {
        var reference = await _resolvers.ExecuteAsync(query);
        await _compiled.ExecuteAsync(query);
        var answer = await _compiled.ExecuteAsync(query);

        Assert.Contains(message, answer.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(reference.GetRawText(), answer.GetRawText());
    }

    private static CompiledReads Compiler(HubApiFactory api) =>
        api.Services.GetServices<IConfigureExecution>().OfType<CompiledReads>().Single();

    /// <summary>Same JSON; distances within a millimetre (PostGIS and the API measure the ellipsoid with different code), cursors by what they decode to.</summary>
    private static void AssertSame(JsonElement expected, JsonElement actual, string path, string because)
    {
        Assert.True(expected.ValueKind == actual.ValueKind, $"{because}: {path} is {actual.ValueKind}, expected {expected.ValueKind}");
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                Assert.Equal(expected.EnumerateObject().Select(p => p.Name), actual.EnumerateObject().Select(p => p.Name));
                foreach (var property in expected.EnumerateObject())
                    AssertSame(property.Value, actual.GetProperty(property.Name), $"{path}.{property.Name}", because);
                break;
            case JsonValueKind.Array:
                Assert.True(expected.GetArrayLength() == actual.GetArrayLength(), $"{because}: {path} has {actual.GetArrayLength()} items, expected {expected.GetArrayLength()}");
                foreach (var (e, a, i) in expected.EnumerateArray().Zip(actual.EnumerateArray()).Select((pair, i) => (pair.First, pair.Second, i)))
                    AssertSame(e, a, $"{path}[{i}]", because);
                break;
            case JsonValueKind.Number:
                // Distances: PostGIS and the API's Vincenty agree to well under a millimetre; everything else exactly.
                var (x, y) = (expected.GetDouble(), actual.GetDouble());
                Assert.True(path.EndsWith("distance", StringComparison.Ordinal) ? Math.Abs(x - y) < 1e-3 : x.Equals(y), $"{because}: {path} is {y}, expected {x}");
                break;
            case JsonValueKind.String when path.EndsWith("ursor", StringComparison.Ordinal):
                Assert.Equal(Decoded(expected.GetString()!), Decoded(actual.GetString()!));
                break;
            default:
                Assert.True(expected.GetRawText() == actual.GetRawText() || expected.ToString() == actual.ToString(), $"{because}: {path} is {actual}, expected {expected}");
                break;
        }
    }

    // "k:3:Name-,Id+:["…",12]": the keyset values compared as JSON (the API escapes non-ASCII, PostgreSQL does not).
    private static string Decoded(string cursor)
    {
        var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
        var values = text.IndexOf('[', StringComparison.Ordinal);
        return values < 0 ? text : text[..values] + JsonSerializer.Serialize(JsonNode.Parse(text[values..]));
    }
}
