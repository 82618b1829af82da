using System.Text.Json;
using DtHub.Api.Features.Auth;
using DtHub.Api.Tests.Features.Import;
using DtHub.Api.Tests.Infrastructure;

namespace DtHub.Api.Tests.Features.Auth;

/// <summary>
/// Every role × every import mutation × own/other ward, through real multipart HTTP. A refused caller gets
/// FORBIDDEN, nothing changes and the refusal is audited once; a ward officer's rows in another ward are row errors
/// naming that ward (nothing stored); an allowed import stores its rows and is audited.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class ImportRoleMatrixTests(HubDatabase hub)
{
    public static TheoryData<string> Callers() => new(CallerList.Select(c => c.Name));

    private static readonly RoleMatrixTests.Caller[] CallerList =
    [
        new("anonymous", null, null),
        new("leader", HubRoles.Leader, null),
        new("planner", HubRoles.Planner, null),
        new("officer of W01", HubRoles.WardOfficer, "W01"),
        new("officer without a ward", HubRoles.WardOfficer, null),
        new("admin", HubRoles.Admin, null),
    ];

    private sealed record ImportCase(string Mutation, string FileName, Func<string, string> File, Dictionary<string, object?>? Variables = null, bool AdminOnly = false)
    {
        public string Query => Variables is null
            ? $"mutation($file: Upload!) {{ {Mutation}(file: $file) {{ {ImportUploads.Summary} }} }}"
            : $"mutation($file: Upload!, $month: Month!) {{ {Mutation}(file: $file, month: $month) {{ {ImportUploads.Summary} }} }}";
    }

    private static double Lon(string ward) => ward == "W01" ? 107.003 : 107.013;

    private static readonly ImportCase[] Cases =
    [
        new("importMerchants", "co-so.csv", w => ImportUploads.Merchants(($"Quán nhập {w}", Lon(w)))),
        new("importWifi", "wifi.csv", w => ImportUploads.Wifi(($"Wi-Fi nhập {w}", Lon(w)))),
        new("importWardReport", "bao-cao.csv", w => ImportUploads.WardReport(w == "W01" ? "Phường Thắng Nhì" : "Xã Long Sơn"), new() { ["month"] = "2023-04" }),
        new("importBoundaries", "ranh-gioi.geojson", _ => ImportUploads.NewWard, AdminOnly: true),
    ];

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Caller_imports_exactly_where_it_belongs(string callerName)
    {
        var caller = CallerList.Single(c => c.Name == callerName);
        var wrong = new List<string>();
        foreach (var ward in new[] { "W01", "E01" })
        {
            foreach (var c in Cases)
            {
                await AccessWorld.SeedAsync(hub); // each case on a fresh world: an allowed import must not change the next case's starting point
                var token = caller.Role is null ? null : AccessTokens.For(hub.Api, caller.Role, caller.Ward);
                var before = await FingerprintAsync();
                var (allowedBefore, refusedBefore) = await AuditCountsAsync();
                var (status, body) = await hub.Api.UploadAsync(token, c.Query, c.FileName, c.File(ward), c.Variables);
                var expected = caller.Role == HubRoles.Admin ? "allowed"
                    : caller.Role == HubRoles.WardOfficer && caller.Ward is not null && !c.AdminOnly ? (caller.Ward == ward ? "allowed" : "other ward")
                    : "FORBIDDEN";
                var verdict = status == 200 ? Verdict(body, c.Mutation, ward) : $"HTTP {status} {body.GetRawText()}";
                if (verdict != expected) wrong.Add($"{c.Mutation} in {ward}: expected {expected}, got {verdict}");
                var changed = await FingerprintAsync() != before;
                if (expected != "allowed" && changed) wrong.Add($"{c.Mutation} in {ward}: not allowed but the data changed");
                if (expected == "allowed" && !changed) wrong.Add($"{c.Mutation} in {ward}: allowed but nothing was stored");
                var (allowedAfter, refusedAfter) = await AuditCountsAsync();
                if (expected == "FORBIDDEN" && (refusedAfter != refusedBefore + 1 || allowedAfter != allowedBefore))
                    wrong.Add($"{c.Mutation} in {ward}: refusal not audited exactly once");
                if (expected != "FORBIDDEN" && (allowedAfter <= allowedBefore || refusedAfter != refusedBefore))
                    wrong.Add($"{c.Mutation} in {ward}: import run not audited");
            }
        }
        Assert.True(wrong.Count == 0, $"{caller.Name}:\n" + string.Join("\n", wrong));
    }

    private static string Verdict(JsonElement body, string mutation, string ward)
    {
        if (body.TryGetProperty("errors", out var errors)) return "GraphQL error: " + errors.GetRawText();
        var payload = body.GetProperty("data").GetProperty(mutation);
        var codes = payload.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()).ToList();
        if (codes is ["FORBIDDEN"]) return "FORBIDDEN";
        if (codes.Count > 0) return "errors " + payload.GetProperty("errors").GetRawText();
        var rowErrors = payload.GetProperty("rowErrors").EnumerateArray().Select(e => e.GetProperty("reason").GetString()!).ToList();
        if (rowErrors.Count == 0 && payload.GetProperty("accepted").GetBoolean()) return "allowed";
        return rowErrors.Count == 1 && rowErrors[0].Contains($"lies in ward {ward}", StringComparison.Ordinal) ? "other ward" : "row errors " + string.Join(" | ", rowErrors);
    }

    private async Task<(long Allowed, long Refused)> AuditCountsAsync()
    {
        await using var command = hub.DataSource.CreateCommand("SELECT count(*) FILTER (WHERE allowed), count(*) FILTER (WHERE NOT allowed) FROM audit_log");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>A digest of every table an import may touch.</summary>
    private async Task<string> FingerprintAsync()
    {
        await using var command = hub.DataSource.CreateCommand("""
            SELECT md5(string_agg(t, '|' ORDER BY t)) FROM (
              SELECT 'm' || row_to_json(x)::text AS t FROM merchants x UNION ALL
              SELECT 'w' || row_to_json(x)::text FROM wifi_points x UNION ALL
              SELECT 'r' || row_to_json(x)::text FROM ward_reports x UNION ALL
              SELECT 'u' || row_to_json(x)::text FROM wards x UNION ALL
              SELECT 'b' || id::text FROM import_batches x) all_rows
            """);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
