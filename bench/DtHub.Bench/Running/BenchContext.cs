using System.Globalization;
using Npgsql;

namespace DtHub.Bench.Running;

/// <summary>The places and month every scenario asks about, picked from the loaded data (the densest city centre).</summary>
public sealed record BenchContext(double Lon, double Lat, string WardCode, string ProvincePrefix, string Month, double[] Bbox, string[] WardCodes)
{
    /// <summary>Hồ Chí Minh City's centre: the densest part of every generated scale.</summary>
    public const double CentreLon = 106.70, CentreLat = 10.78;

    public object PointGeoJson => new { type = "Point", coordinates = new[] { Lon, Lat } };

    public DateOnly MonthDate => DateOnly.ParseExact(Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static async Task<BenchContext> LoadAsync(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand("""
            SELECT code FROM wards
            WHERE ST_Contains(geometry, ST_SetSRID(ST_MakePoint(@lon, @lat), 4326)) AND valid_to IS NULL
            """);
        command.Parameters.AddWithValue("lon", CentreLon);
        command.Parameters.AddWithValue("lat", CentreLat);
        var code = (string?)await command.ExecuteScalarAsync()
            ?? throw new InvalidOperationException("no ward contains the city centre: is the bench data loaded?");
        // About 5.5 km × 5.5 km around the centre: hundreds (city) to thousands (national) of merchants, paged.
        double[] bbox = [CentreLon - 0.025, CentreLat - 0.025, CentreLon + 0.025, CentreLat + 0.025];
        // Wards of the centre's province, for questions asked about a different ward each time.
        var codes = new List<string>();
        await using (var wards = db.CreateCommand("SELECT code FROM wards WHERE code >= @from AND code < @to AND valid_to IS NULL ORDER BY code LIMIT 1000"))
        {
            wards.Parameters.AddWithValue("from", code[..4]);
            wards.Parameters.AddWithValue("to", code[..3] + (char)(code[3] + 1));
            await using var reader = await wards.ExecuteReaderAsync();
            while (await reader.ReadAsync()) codes.Add(reader.GetString(0));
        }
        return new BenchContext(CentreLon, CentreLat, code, code[..4], "2023-06", bbox, [.. codes]);
    }

    /// <summary>Slippy-map tile containing the centre at zoom <paramref name="z"/>.</summary>
    public (int X, int Y) Tile(int z)
    {
        var n = 1 << z;
        var x = (int)((Lon + 180.0) / 360.0 * n);
        var latRad = Lat * Math.PI / 180.0;
        var y = (int)((1.0 - Math.Log(Math.Tan(latRad) + 1.0 / Math.Cos(latRad)) / Math.PI) / 2.0 * n);
        return (x, y);
    }
}
