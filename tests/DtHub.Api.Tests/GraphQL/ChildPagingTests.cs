using System.Text.Json;
using DtHub.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace DtHub.Api.Tests.GraphQL;

/// <summary>
/// A nested page (ward → merchants) reads only its page per parent: one LATERAL statement whose per-parent
/// ORDER BY … LIMIT the (ward_id, id) index answers, never a window numbering every child of every parent.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class ChildPagingTests(HubDatabase hub) : IAsyncLifetime
{
    private readonly QueryPlanRecorder _plans = new();
    private HubApiFactory _api = null!;

    public async Task InitializeAsync()
    {
        await hub.UseEmptyAsync();
        await using var db = hub.CreateContext();
        await TwoWardFixture.SeedAsync(db);
        // 20,000 merchants in the first ward, 30 in the second (pages must not depend on the other parent's size),
        // and 100 each in 100 closed wards, so that one ward's merchants are a small share, as in a real city.
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO wards (code, name, kind, geometry, label_point, valid_from, valid_to, is_synthetic, updated_at)
            SELECT 'Z' || g, name || ' ' || g, kind, geometry, label_point, valid_from, '2021-01-01', true, now()
            FROM wards CROSS JOIN generate_series(1, 100) g WHERE id = (SELECT min(id) FROM wards);
            INSERT INTO merchants (name, category, location, ward_id, accepts_qr, has_transactions, has_e_invoice, is_synthetic, updated_at)
            SELECT 'Cửa hàng ' || g, 'GeneralStore', ST_SetSRID(ST_MakePoint(107.0 + (g % 200) * 0.0001, 10.30), 4326),
                   CASE WHEN g <= 20000 THEN (SELECT min(id) FROM wards)
                        WHEN g <= 20030 THEN (SELECT min(id) FROM wards WHERE code NOT LIKE 'Z%' AND id > (SELECT min(id) FROM wards))
                        ELSE (SELECT id FROM wards WHERE code = 'Z' || (g % 100 + 1)) END,
                   g % 2 = 0, false, false, true, now()
            FROM generate_series(1, 30030) g;
            ANALYZE wards; ANALYZE merchants;
            """);
        _api = new HubApiFactory(hub.ConnectionString, configureServices: s => s.AddSingleton<IInterceptor>(_plans));
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Each_ward_gets_its_own_first_page_from_one_lateral_statement_through_the_index()
    {
        await _api.ExecuteAsync("{ __typename }");
        _plans.Clear();

        var result = await _api.ExecuteAsync("""
            { wards(order: [{ code: ASC }]) { nodes { code
                merchants(first: 3, where: { acceptsQr: { eq: true } }) { totalCount nodes { id name acceptsQr } } } } }
            """);

        Assert.False(result.TryGetProperty("errors", out var errors), errors.ToString());
        var wards = result.GetProperty("data").GetProperty("wards").GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(2, wards.Count);
        var expected = await FirstQrMerchantsAsync(3);
        foreach (var ward in wards)
        {
            var merchants = ward.GetProperty("merchants");
            var names = merchants.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("name").GetString()).ToList();
            Assert.Equal(expected[ward.GetProperty("code").GetString()!].Names, names);
            Assert.Equal(expected[ward.GetProperty("code").GetString()!].Total, merchants.GetProperty("totalCount").GetInt32());
        }

        var page = Assert.Single(_plans.Plans, p => p.Sql.Contains("FROM merchants", StringComparison.Ordinal) && !p.Sql.Contains("count(", StringComparison.Ordinal));
        Assert.Contains("CROSS JOIN LATERAL", page.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("WindowAgg", page.Plan, StringComparison.Ordinal);
        Assert.True(page.Plan.Contains("ix_merchants_ward_id_id", StringComparison.Ordinal), page.Plan);
    }

    [Fact]
    public async Task Later_pages_of_a_nested_connection_follow_on_from_the_cursor()
    {
        var first = await _api.ExecuteAsync("""
            { wards(first: 1, order: [{ code: ASC }]) { nodes { merchants(first: 4) { pageInfo { endCursor } nodes { name } } } } }
            """);
        var merchants = first.GetProperty("data").GetProperty("wards").GetProperty("nodes")[0].GetProperty("merchants");
        var cursor = merchants.GetProperty("pageInfo").GetProperty("endCursor").GetString();

        var next = await _api.ExecuteAsync("""
            query($after: String) { wards(first: 1, order: [{ code: ASC }]) { nodes { merchants(first: 2, after: $after) { nodes { name } } } } }
            """, new { after = cursor });

        Assert.False(next.TryGetProperty("errors", out var errors), errors.ToString());
        var names = next.GetProperty("data").GetProperty("wards").GetProperty("nodes")[0].GetProperty("merchants").GetProperty("nodes")
            .EnumerateArray().Select(n => n.GetProperty("name").GetString()).ToList();
        await using var db = hub.CreateContext();
        var firstWard = await db.Wards.OrderBy(w => w.Code).Select(w => w.Id).FirstAsync();
        var expected = await db.Merchants.Where(m => m.WardId == firstWard).OrderBy(m => m.Id).Skip(4).Take(2).Select(m => (string?)m.Name).ToListAsync();
        Assert.Equal(expected, names);
    }

    [Fact]
    public async Task A_nested_connection_asked_only_for_its_total_runs_no_page_statement()
    {
        await _api.ExecuteAsync("{ __typename }");
        _plans.Clear();

        var result = await _api.ExecuteAsync("{ wards { nodes { merchants(first: 50) { totalCount } } } }");

        Assert.False(result.TryGetProperty("errors", out var errors), errors.ToString());
        var totals = result.GetProperty("data").GetProperty("wards").GetProperty("nodes").EnumerateArray()
            .Select(w => w.GetProperty("merchants").GetProperty("totalCount").GetInt32()).Order().ToList();
        await using var db = hub.CreateContext();
        var expected = await db.Merchants.Where(m => !m.Ward!.Code.StartsWith("Z")).GroupBy(m => m.WardId).Select(g => g.Count()).ToListAsync();
        Assert.Equal(expected.Order(), totals);
        Assert.Contains(totals, t => t > 20000);
        Assert.DoesNotContain(_plans.Plans, p => p.Sql.Contains("LATERAL", StringComparison.Ordinal));
    }

    private async Task<Dictionary<string, (List<string?> Names, int Total)>> FirstQrMerchantsAsync(int first)
    {
        await using var db = hub.CreateContext();
        var wards = await db.Wards.AsNoTracking().Where(w => w.ValidTo == null).Select(w => new { w.Id, w.Code }).ToListAsync();
        var expected = new Dictionary<string, (List<string?>, int)>();
        foreach (var ward in wards)
        {
            var qr = db.Merchants.AsNoTracking().Where(m => m.WardId == ward.Id && m.AcceptsQr);
            expected[ward.Code] = (await qr.OrderBy(m => m.Id).Take(first).Select(m => (string?)m.Name).ToListAsync(), await qr.CountAsync());
        }
        return expected;
    }
}
