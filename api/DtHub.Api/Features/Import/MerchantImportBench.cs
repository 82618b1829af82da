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
        if (!File.Exists(path))
        {
            await WriteFileAsync(dataSource, path + ".part", rows);
            File.Move(path + ".part", path); // same file on every later run, so runs compare
        }
        var bytes = new FileInfo(path).Length;
        Console.WriteLine($"  file: {path} ({rows:N0} rows, {bytes / 1e6:0.0} MB)");

        // Raw COPY before and after the import, so the floor is measured in the same minutes as the import.
        var load = LoadAverage();
        var rawBefore = await RawCopyAsync(dataSource, path);
        var import = Stopwatch.StartNew();
        ImportResult result;
        // The importer itself, file read included; ImportService would also run the aggregate refresh that follows
        // (inline on the command line), which is not the import and on national data takes longer than it.
        result = await services.GetRequiredService<MerchantImporter>().ImportAsync(await File.ReadAllBytesAsync(path), Path.GetFileName(path),
            ImportMode.AcceptValidRows, "bench", null, null, CancellationToken.None);
        import.Stop();
        var rawAfter = await RawCopyAsync(dataSource, path);
        var raw = (rawBefore + rawAfter) / 2;

        var rawRate = rows / raw.TotalSeconds;
        var importRate = rows / import.Elapsed.TotalSeconds;
        var floorRatio = import.Elapsed.TotalSeconds / raw.TotalSeconds;
        static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
        Console.WriteLine(F($"  load average: {load} before, {LoadAverage()} after"));
        Console.WriteLine(F($"  raw COPY:   {raw.TotalSeconds,7:0.00} s  {rawRate,10:N0} rows/s  (before {rawBefore.TotalSeconds:0.00} s, after {rawAfter.TotalSeconds:0.00} s)"));
        Console.WriteLine(F($"  import:     {import.Elapsed.TotalSeconds,7:0.00} s  {importRate,10:N0} rows/s  (inserted {result.Inserted:N0}, updated {result.Updated:N0}, unchanged {result.Unchanged:N0}, rejected {result.Rejected:N0})"));
        foreach (var (phase, elapsed) in result.Phases)
            Console.WriteLine(F($"      {elapsed.TotalSeconds,7:0.00} s  {phase}"));
        // The floor is a raw COPY of the same file into a bare table: no parsing, checks, placement, indexes or audit.
        Console.WriteLine(F($"  floor ratio (import time / raw COPY time): {floorRatio:0.00}×   import at {100 / floorRatio:0.0} % of raw COPY speed; goal 100,000 rows/s {(importRate >= 100_000 ? "met" : "not met")}"));
        // One line for the bench runner (bench/DtHub.Bench/Running/MerchantImport.cs) to read.
        Console.WriteLine(F($"bench-merchants result: rows={rows} raw_copy_ms={raw.TotalMilliseconds:0.0} import_ms={import.Elapsed.TotalMilliseconds:0.0} inserted={result.Inserted} updated={result.Updated} unchanged={result.Unchanged} rejected={result.Rejected}"));
        return result.Accepted ? 0 : 1;
    }

    private static async Task<TimeSpan> RawCopyAsync(NpgsqlDataSource dataSource, string path)
    {
        var raw = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE bench_raw (name text, category text, address text, lat float8, lon float8, qr text)", connection))
            await create.ExecuteNonQueryAsync();
        await using (var copy = await connection.BeginTextImportAsync("COPY bench_raw FROM STDIN (FORMAT csv, HEADER true)"))
        using (var reader = File.OpenText(path))
        {
            var buffer = new char[1 << 16];
            int read;
            while ((read = await reader.ReadAsync(buffer)) > 0) await copy.WriteAsync(buffer, 0, read);
        }
        raw.Stop();
        return raw.Elapsed;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

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
