using DtHub.Api.Tests.Infrastructure;

namespace DtHub.Api.Tests.GraphQL;

/// <summary>Every filter operator and the Relay paging edges, on the five fixture merchants.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class FilterAndPagingTests(HubDatabase hub) : IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await hub.UseEmptyAsync();
        await using var db = hub.CreateContext();
        await TwoWardFixture.SeedAsync(db);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string[]> MerchantFilters => new()
    {
        { """name: { eq: "Tạp hóa Cô Ba" }""", ["Tạp hóa Cô Ba"] },
        { """name: { neq: "Tạp hóa Cô Ba" }""", ["Quán Thắng Nhì", "Siêu thị Long Sơn", "Khách sạn Biển Đông", "Chợ sạp 12"] },
        { """name: { in: ["Chợ sạp 12", "Quán Thắng Nhì"] }""", ["Quán Thắng Nhì", "Chợ sạp 12"] },
        { """name: { nin: ["Chợ sạp 12", "Quán Thắng Nhì"] }""", ["Tạp hóa Cô Ba", "Siêu thị Long Sơn", "Khách sạn Biển Đông"] },
        { """name: { contains: "Thắng" }""", ["Quán Thắng Nhì"] },
        { """name: { ncontains: "a" }""", ["Quán Thắng Nhì", "Siêu thị Long Sơn", "Khách sạn Biển Đông", "Chợ sạp 12"] },
        { """name: { startsWith: "Siêu" }""", ["Siêu thị Long Sơn"] },
        { """name: { nstartsWith: "S" }""", ["Quán Thắng Nhì", "Tạp hóa Cô Ba", "Khách sạn Biển Đông", "Chợ sạp 12"] },
        { """name: { endsWith: "Đông" }""", ["Khách sạn Biển Đông"] },
        { """name: { nendsWith: "12" }""", ["Quán Thắng Nhì", "Tạp hóa Cô Ba", "Siêu thị Long Sơn", "Khách sạn Biển Đông"] },
        { """name: { icontains: "thang nhi" }""", ["Quán Thắng Nhì"] },
        { """name: { istartsWith: "CHO SAP" }""", ["Chợ sạp 12"] },
        { """name: { ieq: "khach san bien dong" }""", ["Khách sạn Biển Đông"] },
        { """category: { eq: HOTEL }""", ["Khách sạn Biển Đông"] },
        { """category: { in: [RESTAURANT, HOTEL] }""", ["Quán Thắng Nhì", "Khách sạn Biển Đông"] },
        { """category: { nin: [RESTAURANT, HOTEL, MARKET_STALL] }""", ["Tạp hóa Cô Ba", "Siêu thị Long Sơn"] },
        { """acceptsQr: { eq: false }""", ["Tạp hóa Cô Ba", "Khách sạn Biển Đông"] },
        { """acceptsQr: { neq: false }, category: { neq: MARKET_STALL }""", ["Quán Thắng Nhì", "Siêu thị Long Sơn"] },
        { """address: { eq: null }, name: { startsWith: "Q" }""", ["Quán Thắng Nhì"] },
        { """or: [{ category: { eq: HOTEL } }, { name: { contains: "Cô" } }]""", ["Tạp hóa Cô Ba", "Khách sạn Biển Đông"] },
        { """and: [{ acceptsQr: { eq: true } }, { or: [{ category: { eq: SUPERMARKET } }, { category: { eq: MARKET_STALL } }] }]""", ["Siêu thị Long Sơn", "Chợ sạp 12"] },
        { """updatedAt: { gte: "2024-01-01T00:00:00Z", lt: "2024-01-02T00:00:00Z" }""", ["Quán Thắng Nhì", "Tạp hóa Cô Ba", "Siêu thị Long Sơn", "Khách sạn Biển Đông", "Chợ sạp 12"] },
        { """updatedAt: { gt: "2024-01-01T00:00:00Z" }""", [] },
        { """location: { distance: { geometry: { type: "Point", coordinates: [107.002, 10.305] }, gt: 500, lte: 1000 } }""", ["Siêu thị Long Sơn", "Khách sạn Biển Đông"] },
        { """location: { nwithin: { geometry: { type: "Polygon", coordinates: [[[107.0, 10.3], [107.01, 10.3], [107.01, 10.31], [107.0, 10.31], [107.0, 10.3]]] } } }""", ["Khách sạn Biển Đông", "Chợ sạp 12"] },
    };

    [Theory]
    [MemberData(nameof(MerchantFilters))]
    public async Task Merchant_filter_selects_exactly_the_expected_rows(string where, string[] expected)
    {
        var result = await hub.Api.ExecuteAsync($$"""{ merchants(where: { {{where}} }) { totalCount nodes { name } } }""");
        Assert.False(result.TryGetProperty("errors", out var errors), errors.ToString());
        var merchants = result.GetProperty("data").GetProperty("merchants");
        Assert.Equal(expected, merchants.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("name").GetString()));
        Assert.Equal(expected.Length, merchants.GetProperty("totalCount").GetInt32());
    }

    [Theory]
    [InlineData("residents15Plus: { gt: 250 }", 2)]
    [InlineData("residents15Plus: { gte: 250 }", 3)]
    [InlineData("residents15Plus: { lt: 300 }", 1)]
    [InlineData("residents15Plus: { lte: 300 }", 3)]
    [InlineData("households: { eq: null }", 1)]
    [InlineData("""month: { gt: "2022-06" }""", 1)]
    [InlineData("""month: { in: ["2022-06", "2022-08"] }""", 2)]
    public async Task Comparable_operators_on_reports(string where, int expected)
    {
        var result = await hub.Api.ExecuteAsync($$"""{ wardReports(where: { {{where}} }) { totalCount } }""");
        Assert.False(result.TryGetProperty("errors", out var errors), errors.ToString());
        Assert.Equal(expected, result.GetProperty("data").GetProperty("wardReports").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Pages_walk_forward_and_backward_with_cursors()
    {
        const string page = """
            query($first: Int, $after: String, $last: Int, $before: String) {
              merchants(first: $first, after: $after, last: $last, before: $before, order: [{ name: ASC }]) {
                totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { name } } }
            """;
        var first = (await hub.Api.ExecuteAsync(page, new { first = 2 })).GetProperty("data").GetProperty("merchants");
        Assert.Equal(["Chợ sạp 12", "Khách sạn Biển Đông"], Names(first));
        Assert.True(first.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.False(first.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());

        var second = (await hub.Api.ExecuteAsync(page, new { first = 2, after = first.GetProperty("pageInfo").GetProperty("endCursor").GetString() }))
            .GetProperty("data").GetProperty("merchants");
        Assert.Equal(["Quán Thắng Nhì", "Siêu thị Long Sơn"], Names(second));

        var last = (await hub.Api.ExecuteAsync(page, new { last = 2 })).GetProperty("data").GetProperty("merchants");
        Assert.Equal(["Siêu thị Long Sơn", "Tạp hóa Cô Ba"], Names(last));
        Assert.False(last.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.True(last.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());

        var before = (await hub.Api.ExecuteAsync(page, new { last = 1, before = last.GetProperty("pageInfo").GetProperty("startCursor").GetString() }))
            .GetProperty("data").GetProperty("merchants");
        Assert.Equal(["Quán Thắng Nhì"], Names(before));
    }

    [Fact]
    public async Task Empty_result_is_an_empty_page()
    {
        var result = await hub.Api.ExecuteAsync("""{ merchants(where: { name: { eq: "không có" } }) { totalCount pageInfo { hasNextPage startCursor } nodes { name } } }""");
        var merchants = result.GetProperty("data").GetProperty("merchants");
        Assert.Equal(0, merchants.GetProperty("totalCount").GetInt32());
        Assert.Empty(merchants.GetProperty("nodes").EnumerateArray());
        Assert.False(merchants.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
    }

    [Theory]
    [InlineData("first: 0", "page size 1–100")]
    [InlineData("first: 101", "page size 1–100")]
    [InlineData("first: 100000", "limit")]
    [InlineData("after: \"bm90IGEgY3Vyc29y\"", "is not a cursor")]
    [InlineData("where: { location: { distance: { geometry: { type: \"Point\", coordinates: [107, 10] }, lte: -5 } } }", "outside 0")]
    [InlineData("where: { location: { bbox: [108, 10, 107, 11] } }", "west ≤ east")]
    [InlineData("where: { location: { within: { geometry: { type: \"Point\", coordinates: [200, 10] } } } }", "outside longitude")]
    public async Task Bad_arguments_get_a_clear_error_not_a_500(string arguments, string message)
    {
        var result = await hub.Api.ExecuteAsync($$"""{ merchants({{arguments}}) { nodes { name } } }""");
        var error = result.GetProperty("errors")[0].GetProperty("message").GetString();
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_and_nodes_fetch_objects_by_global_id()
    {
        var list = await hub.Api.ExecuteAsync("{ merchants(first: 2, order: [{ name: ASC }]) { nodes { id } } wards(first: 1) { nodes { id } } }");
        var ids = list.GetProperty("data").GetProperty("merchants").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()).ToList();
        ids.Add(list.GetProperty("data").GetProperty("wards").GetProperty("nodes")[0].GetProperty("id").GetString());

        var result = await hub.Api.ExecuteAsync("""
            query($ids: [ID!]!, $one: ID!) {
              node(id: $one) { id ... on Merchant { name } }
              nodes(ids: $ids) { __typename ... on Merchant { name } ... on Ward { code } } }
            """, new { ids, one = ids[0] });
        Assert.False(result.TryGetProperty("errors", out var errors), errors.ToString());
        Assert.Equal("Chợ sạp 12", result.GetProperty("data").GetProperty("node").GetProperty("name").GetString());
        var nodes = result.GetProperty("data").GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(["Merchant", "Merchant", "Ward"], nodes.Select(n => n.GetProperty("__typename").GetString()));
        Assert.Equal("W01", nodes[2].GetProperty("code").GetString());
    }

    private static IEnumerable<string?> Names(System.Text.Json.JsonElement connection) =>
        connection.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("name").GetString());
}
