using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;

namespace DtHub.Api.Features.Import;

/// <summary>
/// <c>dthub import bench-merchants N</c>: writes a synthetic registry of N merchants inside the current wards
/// (every tenth with a VietQR code), times a raw <c>COPY … (FORMAT csv)</c> of the file into a bare table, then the
/// full import (parse, validate, binary COPY, ward join, upsert), and prints rows/s and their ratio.
/// Run it on a scratch database: the merchants stay.
/// </summary>
internal static class MerchantImportBench
{
    public static async Task<int> RunAsync(IServiceProvider services, int rows)
    {
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var path = Path.Combine(Path.GetTempPath(), $"dthub-bench-merchants-{rows}.csv");
        await WriteFileAsync(dataSource, path, rows);
        var bytes = new FileInfo(path).Length;
        Console.WriteLine($"  file: {path} ({rows:N0} rows, {bytes / 1e6:0.0} MB)");

        var raw = Stopwatch.StartNew();
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await using (var create = new NpgsqlCommand("CREATE TEMP TABLE bench_raw (name text, category text, address text, lat float8, lon float8, qr text)", connection))
                await create.ExecuteNonQueryAsync();
            await using (var copy = await connection.BeginTextImportAsync("COPY bench_raw FROM STDIN (FORMAT csv, HEADER true)"))
            using (var reader = File.OpenText(path))
            {
                var buffer = new char[1 << 16];
                int read;
                while ((read = await reader.ReadAsync(buffer)) > 0) await copy.WriteAsync(buffer, 0, read);
            }
        }
        raw.Stop();

        var import = Stopwatch.StartNew();
        ImportResult result;
        await using (var file = File.OpenRead(path))
            result = await services.GetRequiredService<ImportService>().ImportMerchantsAsync(file, Path.GetFileName(path), ImportMode.AcceptValidRows, "bench");
        import.Stop();

        var rawRate = rows / raw.Elapsed.TotalSeconds;
        var importRate = rows / import.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  raw COPY:   {raw.Elapsed.TotalSeconds,7:0.00} s  {rawRate,10:N0} rows/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  import:     {import.Elapsed.TotalSeconds,7:0.00} s  {importRate,10:N0} rows/s  (inserted {result.Inserted:N0}, updated {result.Updated:N0}, unchanged {result.Unchanged:N0}, rejected {result.Rejected:N0})"));
        foreach (var (phase, elapsed) in result.Phases)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"      {elapsed.TotalSeconds,7:0.00} s  {phase}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio import / raw COPY time: {import.Elapsed.TotalSeconds / raw.Elapsed.TotalSeconds:0.0}×"));
        return result.Accepted ? 0 : 1;
    }

    private static async Task WriteFileAsync(NpgsqlDataSource dataSource, string path, int rows)
    {
        // Points inside the current wards, deterministic (seeded) so runs compare.
        await using var cmd = dataSource.CreateCommand("""
            SELECT ST_X(p.geom), ST_Y(p.geom)
            FROM (SELECT (ST_Dump(ST_GeneratePoints(ST_Union(geometry), $1, 42))).geom FROM wards WHERE valid_to IS NULL) p
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = rows });
        cmd.CommandTimeout = 0;
        await using var reader = await cmd.ExecuteReaderAsync();
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        await writer.WriteLineAsync("name,category,address,lat,lon,qr");
        string[] categories = ["Cửa hàng bách hóa", "Nhà hàng", "Siêu thị", "Tiểu thương", "Khách sạn", "Restaurant", "GeneralStore"];
        var i = 0;
        while (await reader.ReadAsync())
        {
            var qr = i % 10 == 0 ? EmvQr.WithCrc($"000201010211" + VietQrTemplate($"{1_000_000 + i}") + "5303704" + "5802VN") : "";
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Cơ sở {i},{categories[i % categories.Length]},\"{i % 300} Đường {i % 97}, Vũng Tàu\",{reader.GetDouble(1):0.0000000},{reader.GetDouble(0):0.0000000},{qr}"));
            i++;
        }
    }

    private static string VietQrTemplate(string account)
    {
        static string Tlv(string tag, string value) => $"{tag}{value.Length:00}{value}";
        return Tlv("38", Tlv("00", EmvQr.VietQrGuid) + Tlv("01", Tlv("00", "970436") + Tlv("01", account)) + Tlv("02", "QRIBFTTA"));
    }
}
