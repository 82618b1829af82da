using DtHub.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace DtHub.Api.Tests.GraphQL;

/// <summary>
/// Many small synthetic wards in a row, coded <c>P01-W00001</c>… with the ward number modulo
/// <paramref name="provinces"/> as the province: enough rows that PostgreSQL reads them by index, as it does nationally.
/// </summary>
internal static class GridWards
{
    public static Task InsertAsync(HubDbContext db, int count, int provinces) =>
        db.Database.ExecuteSqlRawAsync("""
            INSERT INTO wards (code, name, kind, geometry, label_point, valid_from, is_synthetic, updated_at)
            SELECT format('P%s-W%s', lpad((g % {1} + 1)::text, 2, '0'), lpad(g::text, 5, '0')), 'Phường ' || g, 'Phuong',
                   ST_Multi(ST_MakeEnvelope(100 + g * 0.001, 10, 100.0009 + g * 0.001, 10.0009, 4326)),
                   ST_SetSRID(ST_MakePoint(100.0004 + g * 0.001, 10.0004), 4326), '2020-01-01', true, now()
            FROM generate_series(1, {0}) g;
            ANALYZE wards;
            """, count, provinces);
}
