using System.Globalization;
using DtHub.Api.Data;
using DtHub.Api.Features.Merchants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace DtHub.Api.Features.Demo;

/// <summary>
/// Writes a generated <see cref="DemoDataset"/> inside the caller's transaction: EF for the small tables (one
/// SaveChanges each), binary COPY for the merchants. Keys come from the generator, so identity sequences are
/// moved past them afterwards.
/// </summary>
internal static class DemoWriter
{
    private static readonly string MoveSequencesPastGeneratedKeys = string.Join(";\n",
        new[] { "wards", "neighborhoods", "teams", "team_members", "model_streets", "markets", "merchants", "wifi_points", "ward_reports" }
            .Select(table => $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"));

    public static async Task WriteAsync(HubDbContext db, DemoDataset data, bool writeTargets, Action<string> progress, CancellationToken ct)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        await InsertAsync(db, [data.Batch], null, progress, ct);
        foreach (var report in data.WardReports) report.ImportBatchId = data.Batch.Id;

        await InsertAsync(db, data.Wards, "wards", progress, ct);
        await InsertAsync(db, data.Neighborhoods, "neighbourhoods", progress, ct);
        if (writeTargets) await InsertAsync(db, data.Targets, "targets", progress, ct);
        else progress("targets already present, kept as they are");
        await InsertAsync(db, data.Teams, "teams", progress, ct);
        await InsertAsync(db, data.TeamMembers, "team members", progress, ct);
        await InsertAsync(db, data.TeamMemberContacts, null, progress, ct);
        await InsertAsync(db, data.ModelStreets, "model streets", progress, ct);
        await InsertAsync(db, data.Markets, "cashless markets", progress, ct);
        await CopyMerchantsAsync(db, data.Merchants, ct);
        progress(Count("merchants", data.Merchants.Count));
        await InsertAsync(db, data.WifiPoints, "Wi-Fi points", progress, ct);
        await InsertAsync(db, data.WardReports, "ward reports", progress, ct);

        await db.Database.ExecuteSqlRawAsync(MoveSequencesPastGeneratedKeys, ct);
        await DataVersion.BumpAsync(Connection(db), Transaction(db), ct);
    }

    private static async Task InsertAsync<T>(HubDbContext db, IReadOnlyCollection<T> rows, string? label, Action<string> progress, CancellationToken ct)
        where T : class
    {
        db.AddRange(rows);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        if (label is not null) progress(Count(label, rows.Count));
    }

    private static async Task CopyMerchantsAsync(HubDbContext db, IReadOnlyList<Merchant> merchants, CancellationToken ct)
    {
        await using var copy = await Connection(db).BeginBinaryImportAsync("""
            COPY merchants (id, name, category, location, address, ward_id, neighborhood_id, market_id, accepts_qr, qr_payload,
                            qr_provider, has_transactions, website, has_e_invoice, is_synthetic, updated_at)
            FROM STDIN (FORMAT BINARY)
            """, ct);
        foreach (var m in merchants)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(m.Id, "bigint", ct);
            await copy.WriteAsync(m.Name, "text", ct);
            await copy.WriteAsync(m.Category.ToString(), "text", ct);
            await copy.WriteAsync(m.Location, "geometry", ct);
            await WriteNullableAsync(copy, m.Address, "text", ct);
            await copy.WriteAsync(m.WardId, "integer", ct);
            await WriteNullableAsync(copy, m.NeighborhoodId, "integer", ct);
            await WriteNullableAsync(copy, m.MarketId, "integer", ct);
            await copy.WriteAsync(m.AcceptsQr, "boolean", ct);
            await WriteNullableAsync(copy, m.QrPayload, "text", ct);
            await WriteNullableAsync(copy, m.QrProvider, "text", ct);
            await copy.WriteAsync(m.HasTransactions, "boolean", ct);
            await WriteNullableAsync(copy, m.Website, "text", ct);
            await copy.WriteAsync(m.HasEInvoice, "boolean", ct);
            await copy.WriteAsync(m.IsSynthetic, "boolean", ct);
            await copy.WriteAsync(m.UpdatedAt, "timestamp with time zone", ct);
        }
        await copy.CompleteAsync(ct);
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, string type, CancellationToken ct) =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, type, ct);

    private static NpgsqlConnection Connection(HubDbContext db) => (NpgsqlConnection)db.Database.GetDbConnection();

    private static NpgsqlTransaction? Transaction(HubDbContext db) => (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();

    private static string Count(string label, int count) => string.Create(CultureInfo.InvariantCulture, $"{label} {count:N0}");
}
