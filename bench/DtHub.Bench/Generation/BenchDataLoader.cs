using System.Diagnostics;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace DtHub.Bench.Generation;

/// <summary>
/// Generates the bench dataset and loads it with binary COPY into an already migrated database: secondary indexes
/// are dropped during the load and rebuilt after it (faster than maintaining them row by row), foreign-key triggers
/// are skipped (the generator produces consistent keys), then ANALYZE. Every row is marked synthetic.
/// </summary>
public sealed class BenchDataLoader(NpgsqlDataSource dataSource, BenchScale scale, Action<string> log)
{
    private static readonly string[] Tables =
        ["wards", "neighborhoods", "teams", "team_members", "merchants", "wifi_points", "model_streets", "ward_reports"];

    private static readonly string[] Syllables =
        ["An", "Bình", "Hòa", "Phú", "Tân", "Long", "Thạnh", "Thắng", "Phước", "Hưng", "Lộc", "Thành", "Đông", "Tây",
         "Nam", "Bắc", "Trung", "Mỹ", "Hiệp", "Thuận", "Vĩnh", "Khánh", "Quang", "Minh", "Đức", "Nghĩa", "Sơn", "Hải"];

    private static readonly string[] MerchantWords = ["Tạp hóa", "Quán ăn", "Siêu thị mini", "Cà phê", "Nhà thuốc", "Tiệm vàng", "Khách sạn", "Sạp chợ"];
    private static readonly string[] Categories = ["GeneralStore", "Restaurant", "Supermarket", "Mall", "ElectronicsCentre", "Hotel", "MarketStall", "Other"];
    private static readonly double[] CategoryShare = [0.35, 0.25, 0.05, 0.01, 0.03, 0.06, 0.15, 0.10];
    private static readonly string[] Venues = ["PublicSpace", "Beach", "TouristSite", "Mall", "Supermarket", "Market", "Government", "Hospital", "School", "Other"];
    private static readonly string[] Providers = ["VietinBank", "Vietcombank", "BIDV", "Agribank", "MoMo", "VNPay", "ZaloPay"];
    private static readonly DateTimeOffset Stamp = new(2024, 12, 31, 0, 0, 0, TimeSpan.Zero);

    private readonly NationalGrid _grid = new(scale);
    private readonly Random _random = new(20_221_106);
    private readonly List<WardCell> _wards = [];

    private sealed record WardCell(int Id, int Col, int Row, Coordinate[] Corners, double Density);

    public async Task LoadAsync(CancellationToken ct = default)
    {
        var total = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await Execute(connection, $"TRUNCATE {string.Join(", ", Tables)} RESTART IDENTITY CASCADE", ct);
        var indexes = await DropSecondaryIndexesAsync(connection, ct);
        await Execute(connection, "SET session_replication_role = replica", ct);

        await Timed("wards", () => CopyWardsAsync(connection, ct));
        await Timed("neighborhoods", () => CopyNeighborhoodsAsync(connection, ct));
        await Timed("teams and members", () => CopyTeamsAsync(connection, ct));
        await Timed("merchants", () => CopyMerchantsAsync(connection, ct));
        await Timed("wifi points", () => CopyWifiAsync(connection, ct));
        await Timed("model streets", () => CopyStreetsAsync(connection, ct));
        await Timed("ward reports", () => CopyReportsAsync(connection, ct));

        await Execute(connection, "SET session_replication_role = origin", ct);
        await Timed($"{indexes.Count} indexes", async () =>
        {
            await Execute(connection, "SET maintenance_work_mem = '512MB'", ct);
            foreach (var definition in indexes) await Execute(connection, definition, ct);
        });
        foreach (var table in Tables)
            await Execute(connection, $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT max(id) FROM {table}), 0) + 1, false)", ct);
        await Timed("analyze", () => Execute(connection, $"ANALYZE {string.Join(", ", Tables)}", ct));
        log($"loaded {scale.Name} ({scale.Wards:N0} wards, {scale.Merchants:N0} merchants) in {total.Elapsed.TotalSeconds:F1} s");
    }

    private async Task Timed(string what, Func<Task> step)
    {
        var watch = Stopwatch.StartNew();
        await step();
        log($"{what}: {watch.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<List<string>> DropSecondaryIndexesAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var definitions = new List<(string Name, string Definition)>();
        await using (var command = new NpgsqlCommand("""
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = 'public' AND i.tablename = ANY(@tables)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            """, connection))
        {
            command.Parameters.AddWithValue("tables", Tables);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) definitions.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, _) in definitions) await Execute(connection, $"DROP INDEX \"{name}\"", ct);
        return definitions.Select(d => d.Definition).ToList();
    }

    private string Name(int seed, int a) => $"{Syllables[(int)(NationalGrid.Hash01(seed, a, 7) * Syllables.Length)]} {Syllables[(int)(NationalGrid.Hash01(seed, a, 8) * Syllables.Length)]}";

    private static void Row(NpgsqlBinaryImporter copy, params (object? Value, NpgsqlDbType Type)[] values)
    {
        copy.StartRow();
        foreach (var (value, type) in values)
        {
            if (value is null) copy.WriteNull();
            else copy.Write(value, type);
        }
    }

    private Task CopyWardsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        using var copy = connection.BeginBinaryImport(
            "COPY wards (id, code, name, kind, geometry, label_point, valid_from, valid_to, is_synthetic, updated_at) FROM STDIN (FORMAT BINARY)");
        var id = 0;
        for (var row = _grid.FirstRow; row < _grid.FirstRow + scale.Rows; row++)
        {
            for (var col = 0; col < BenchScale.Columns; col++)
            {
                id++;
                var corners = _grid.WardCorners(col, row);
                var centre = NationalGrid.Bilinear(corners, 0.5, 0.5);
                var density = NationalGrid.Density(centre);
                _wards.Add(new WardCell(id, col, row, corners, density));
                var urban = density > 2;
                Row(copy,
                    (id, NpgsqlDbType.Integer),
                    (WardCode(col, row), NpgsqlDbType.Varchar),
                    ($"{(urban ? "Phường" : "Xã")} {Name(1, id)} {id}", NpgsqlDbType.Varchar),
                    (urban ? "Phuong" : "Xa", NpgsqlDbType.Text),
                    (_grid.Quad(corners[0], corners[1], corners[2], corners[3]), NpgsqlDbType.Geometry),
                    (_grid.Factory.CreatePoint(centre), NpgsqlDbType.Geometry),
                    (new DateOnly(2020, 1, 1), NpgsqlDbType.Date),
                    (null, NpgsqlDbType.Date),
                    (true, NpgsqlDbType.Boolean),
                    (Stamp, NpgsqlDbType.TimestampTz));
            }
        }
        copy.Complete();
        return Task.CompletedTask;
    }

    private static int NeighborhoodId(int wardId, int si, int ti) =>
        (wardId - 1) * NationalGrid.NeighborhoodSplit * NationalGrid.NeighborhoodSplit + ti * NationalGrid.NeighborhoodSplit + si + 1;

    private Task CopyNeighborhoodsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        using var copy = connection.BeginBinaryImport(
            "COPY neighborhoods (id, ward_id, code, name, kind, geometry, estimated_residents, valid_from, valid_to, is_synthetic, updated_at) FROM STDIN (FORMAT BINARY)");
        foreach (var ward in _wards)
        {
            for (var ti = 0; ti < NationalGrid.NeighborhoodSplit; ti++)
            {
                for (var si = 0; si < NationalGrid.NeighborhoodSplit; si++)
                {
                    var id = NeighborhoodId(ward.Id, si, ti);
                    var urban = ward.Density > 2;
                    Row(copy,
                        (id, NpgsqlDbType.Integer),
                        (ward.Id, NpgsqlDbType.Integer),
                        ($"N{id:0000000}", NpgsqlDbType.Varchar),
                        ($"{(urban ? "Khu phố" : "Thôn")} {ti * NationalGrid.NeighborhoodSplit + si + 1}", NpgsqlDbType.Varchar),
                        (urban ? "KhuPho" : "Thon", NpgsqlDbType.Text),
                        (_grid.NeighborhoodPolygon(ward.Corners, si, ti), NpgsqlDbType.Geometry),
                        ((int)(300 * ward.Density * (0.5 + NationalGrid.Hash01(id, 3, 3))), NpgsqlDbType.Integer),
                        (new DateOnly(2020, 1, 1), NpgsqlDbType.Date),
                        (null, NpgsqlDbType.Date),
                        (true, NpgsqlDbType.Boolean),
                        (Stamp, NpgsqlDbType.TimestampTz));
                }
            }
        }
        copy.Complete();
        return Task.CompletedTask;
    }

    private Task CopyTeamsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        // One ward-level team per ward and a team in about 60 % of neighbourhoods; three members each.
        var teams = new List<(int Id, int WardId, int? NeighborhoodId)>();
        foreach (var ward in _wards)
        {
            teams.Add((teams.Count + 1, ward.Id, null));
            for (var k = 0; k < NationalGrid.NeighborhoodSplit * NationalGrid.NeighborhoodSplit; k++)
            {
                var nid = NeighborhoodId(ward.Id, k % NationalGrid.NeighborhoodSplit, k / NationalGrid.NeighborhoodSplit);
                if (NationalGrid.Hash01(nid, 4, 4) < 0.6) teams.Add((teams.Count + 1, ward.Id, nid));
            }
        }
        using (var copy = connection.BeginBinaryImport(
            "COPY teams (id, name, level, ward_id, neighborhood_id, founded_on, is_synthetic, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (id, wardId, neighborhoodId) in teams)
            {
                Row(copy,
                    (id, NpgsqlDbType.Integer),
                    ($"Tổ công nghệ số cộng đồng {id}", NpgsqlDbType.Varchar),
                    (neighborhoodId is null ? "Ward" : "Neighborhood", NpgsqlDbType.Text),
                    (wardId, NpgsqlDbType.Integer),
                    (neighborhoodId, NpgsqlDbType.Integer),
                    (new DateOnly(2022, 3, 1), NpgsqlDbType.Date),
                    (true, NpgsqlDbType.Boolean),
                    (Stamp, NpgsqlDbType.TimestampTz));
            }
            copy.Complete();
        }
        using (var copy = connection.BeginBinaryImport("COPY team_members (id, team_id, role, affiliation, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            var memberId = 0;
            string[] roles = ["Leader", "Deputy", "Member"];
            string[] affiliations = ["UBND phường", "Đoàn Thanh niên", "Hội Phụ nữ"];
            foreach (var team in teams)
            {
                for (var r = 0; r < roles.Length; r++)
                    Row(copy, (++memberId, NpgsqlDbType.Integer), (team.Id, NpgsqlDbType.Integer), (roles[r], NpgsqlDbType.Text),
                        (affiliations[r], NpgsqlDbType.Varchar), (Stamp, NpgsqlDbType.TimestampTz));
            }
            copy.Complete();
        }
        return Task.CompletedTask;
    }

    private string Category()
    {
        var x = _random.NextDouble();
        for (var i = 0; i < CategoryShare.Length; i++)
        {
            x -= CategoryShare[i];
            if (x < 0) return Categories[i];
        }
        return Categories[^1];
    }

    private Task CopyMerchantsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var counts = NationalGrid.Allocate(_wards.Select(w => w.Density).ToList(), scale.Merchants);
        using var copy = connection.BeginBinaryImport("""
            COPY merchants (id, name, category, location, address, ward_id, neighborhood_id, market_id, accepts_qr, qr_payload,
                            qr_provider, has_transactions, website, has_e_invoice, is_synthetic, updated_at) FROM STDIN (FORMAT BINARY)
            """);
        long id = 0;
        foreach (var ward in _wards)
        {
            for (var k = 0; k < counts[ward.Id - 1]; k++)
            {
                id++;
                var s = _random.NextDouble();
                var t = _random.NextDouble();
                var si = Math.Min((int)(s * NationalGrid.NeighborhoodSplit), NationalGrid.NeighborhoodSplit - 1);
                var ti = Math.Min((int)(t * NationalGrid.NeighborhoodSplit), NationalGrid.NeighborhoodSplit - 1);
                var qr = _random.NextDouble() < 0.55;
                var category = Category();
                Row(copy,
                    (id, NpgsqlDbType.Bigint),
                    ($"{MerchantWords[_random.Next(MerchantWords.Length)]} {Name(2, (int)id)}", NpgsqlDbType.Varchar),
                    (category, NpgsqlDbType.Text),
                    (_grid.Factory.CreatePoint(NationalGrid.Bilinear(ward.Corners, s, t)), NpgsqlDbType.Geometry),
                    ($"{_random.Next(1, 400)} đường {Name(3, ward.Id * 7 + _random.Next(7))}", NpgsqlDbType.Varchar),
                    (ward.Id, NpgsqlDbType.Integer),
                    (NeighborhoodId(ward.Id, si, ti), NpgsqlDbType.Integer),
                    (null, NpgsqlDbType.Integer),
                    (qr, NpgsqlDbType.Boolean),
                    (null, NpgsqlDbType.Varchar),
                    (qr ? Providers[_random.Next(Providers.Length)] : null, NpgsqlDbType.Varchar),
                    (qr && _random.NextDouble() < 0.6, NpgsqlDbType.Boolean),
                    (null, NpgsqlDbType.Varchar),
                    (_random.NextDouble() < 0.2, NpgsqlDbType.Boolean),
                    (true, NpgsqlDbType.Boolean),
                    (Stamp, NpgsqlDbType.TimestampTz));
            }
        }
        copy.Complete();
        return Task.CompletedTask;
    }

    private Task CopyWifiAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var counts = NationalGrid.Allocate(_wards.Select(w => w.Density).ToList(), scale.WifiPoints);
        using var copy = connection.BeginBinaryImport("""
            COPY wifi_points (id, name, ssid, operator, venue_type, location, radius_meters, status, ward_id, is_synthetic, updated_at)
            FROM STDIN (FORMAT BINARY)
            """);
        long id = 0;
        foreach (var ward in _wards)
        {
            for (var k = 0; k < counts[ward.Id - 1]; k++)
            {
                id++;
                var point = NationalGrid.Bilinear(ward.Corners, _random.NextDouble(), _random.NextDouble());
                Row(copy,
                    (id, NpgsqlDbType.Bigint),
                    ($"Wi-Fi {Name(5, (int)id)} {id}", NpgsqlDbType.Varchar),
                    ($"FREE_WIFI_{id}", NpgsqlDbType.Varchar),
                    (k % 2 == 0 ? "VNPT" : "Viettel", NpgsqlDbType.Varchar),
                    (Venues[_random.Next(Venues.Length)], NpgsqlDbType.Text),
                    (_grid.Factory.CreatePoint(point), NpgsqlDbType.Geometry),
                    (50 + 10 * _random.Next(26), NpgsqlDbType.Integer),
                    (_random.NextDouble() < 0.9 ? "Active" : "Inactive", NpgsqlDbType.Text),
                    (ward.Id, NpgsqlDbType.Integer),
                    (true, NpgsqlDbType.Boolean),
                    (Stamp, NpgsqlDbType.TimestampTz));
            }
        }
        copy.Complete();
        return Task.CompletedTask;
    }

    private Task CopyStreetsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var counts = NationalGrid.Allocate(_wards.Select(w => w.Density).ToList(), scale.ModelStreets);
        using var copy = connection.BeginBinaryImport(
            "COPY model_streets (id, name, ward_id, geometry, designated_on, is_synthetic, updated_at) FROM STDIN (FORMAT BINARY)");
        var id = 0;
        foreach (var ward in _wards)
        {
            for (var k = 0; k < counts[ward.Id - 1]; k++)
            {
                id++;
                var t = 0.1 + 0.8 * _random.NextDouble();
                Coordinate[] line =
                [
                    NationalGrid.Bilinear(ward.Corners, 0.1, t), NationalGrid.Bilinear(ward.Corners, 0.5, t + 0.05 * (_random.NextDouble() - 0.5)),
                    NationalGrid.Bilinear(ward.Corners, 0.9, t),
                ];
                Row(copy,
                    (id, NpgsqlDbType.Integer),
                    ($"Đường {Name(6, id)}", NpgsqlDbType.Varchar),
                    (ward.Id, NpgsqlDbType.Integer),
                    (_grid.Factory.CreateMultiLineString([_grid.Factory.CreateLineString(line)]), NpgsqlDbType.Geometry),
                    (new DateOnly(2022, 6, 1), NpgsqlDbType.Date),
                    (true, NpgsqlDbType.Boolean),
                    (Stamp, NpgsqlDbType.TimestampTz));
            }
        }
        copy.Complete();
        return Task.CompletedTask;
    }

    private Task CopyReportsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        using var copy = connection.BeginBinaryImport("""
            COPY ward_reports (id, ward_id, month, households, population, residents15plus, account_holders15plus, extra_indicators,
                               quality_flags, source, import_batch_id, is_synthetic, recorded_at, superseded_at) FROM STDIN (FORMAT BINARY)
            """);
        long id = 0;
        foreach (var ward in _wards)
        {
            var population = (int)(4000 + 2500 * ward.Density * (0.6 + 0.8 * NationalGrid.Hash01(ward.Id, 9, 9)));
            var startRate = 0.35 + 0.25 * NationalGrid.Hash01(ward.Id, 10, 10);
            for (var m = 0; m < BenchScale.Months; m++)
            {
                id++;
                var residents15 = (int)(population * 0.76);
                var rate = Math.Min(0.98, startRate + m * 0.009 + 0.02 * (_random.NextDouble() - 0.5));
                Row(copy,
                    (id, NpgsqlDbType.Bigint),
                    (ward.Id, NpgsqlDbType.Integer),
                    (new DateOnly(2022, 1, 1).AddMonths(m), NpgsqlDbType.Date),
                    (population / 4, NpgsqlDbType.Integer),
                    (population, NpgsqlDbType.Integer),
                    (residents15, NpgsqlDbType.Integer),
                    ((int)(residents15 * rate), NpgsqlDbType.Integer),
                    ("{}", NpgsqlDbType.Jsonb),
                    (0, NpgsqlDbType.Integer),
                    ("bench generator (synthetic)", NpgsqlDbType.Varchar),
                    (null, NpgsqlDbType.Bigint),
                    (true, NpgsqlDbType.Boolean),
                    (Stamp, NpgsqlDbType.TimestampTz),
                    (null, NpgsqlDbType.TimestampTz));
            }
        }
        copy.Complete();
        return Task.CompletedTask;
    }

    public static string WardCode(int col, int row) =>
        $"P{NationalGrid.ProvinceOf(row) + 1:00}-D{NationalGrid.DistrictOf(col, row) + 1:000}-W{row * BenchScale.Columns + col + 1:00000}";
}
