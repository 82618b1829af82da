using System.Globalization;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using DtHub.Api.Features.Merchants;

namespace DtHub.Api.Features.Import;

/// <summary>A merchant row that passed every check that needs no database.</summary>
internal sealed record MerchantRow(int Row, string Name, MerchantCategory Category, double Lon, double Lat, string? Address,
    string? QrPayload, string? QrProvider, bool AcceptsQr, bool HasTransactions, string? Website, bool HasEInvoice,
    int WardId, int? NeighborhoodId);

/// <summary>The current wards and neighbourhoods a merchant's location is placed in.</summary>
internal sealed record MerchantPlacement(UnitLocator Wards, UnitLocator Neighborhoods, ImportScope? Scope);

/// <summary>
/// Reads a merchant registry (CSV/XLSX): name, category (Vietnamese or English label), address, latitude, longitude,
/// QR payload, provider and yes/no columns. Rows come out one by one so a million-row file streams into COPY.
/// </summary>
internal static class MerchantFile
{
    private const string Name = "name", Category = "category", Address = "address", Lat = "latitude", Lon = "longitude",
        Qr = "qr payload", Provider = "provider", AcceptsQr = "accepts qr", HasTransactions = "has transactions",
        Website = "website", EInvoice = "e-invoice";

    // "accepts qr" and "provider" before "qr payload": all three headers may contain "qr".
    private static readonly HeaderMap.Field[] Fields =
    [
        new(AcceptsQr, HeaderMap.Named(["acceptsqr", "acceptqr", "coqr", "comaqr", "nhanqr", "qraccepted", "comaqrthanhtoan"]), Required: false),
        new(Provider, HeaderMap.Named(["provider", "qrprovider", "nhacungcap", "nganhang", "bank", "vidientu", "wallet"], ["provider", "cungcap"]), Required: false),
        new(HasTransactions, HeaderMap.Named(["hastransactions", "transactions", "cogiaodich", "phatsinhgiaodich"], ["giaodich", "transaction"]), Required: false),
        new(EInvoice, HeaderMap.Named(["haseinvoice", "einvoice", "hoadondientu"], ["hoadon", "invoice"]), Required: false),
        new(Qr, HeaderMap.Named(["qr", "qrpayload", "maqr", "qrcode", "noidungqr", "chuoiqr", "qrstring"], ["qrpayload", "noidungqr", "chuoiqr"]), Required: false),
        new(Name, HeaderMap.Named(["name", "ten", "merchant", "merchantname", "tencoso", "tencuahang", "tencosokinhdoanh", "tendoanhnghiep", "tenhokinhdoanh"], ["tencoso", "tencuahang", "merchantname"])),
        new(Category, HeaderMap.Named(["category", "loai", "loaihinh", "nganhnghe", "nhom", "type", "loaihinhkinhdoanh", "phanloai"], ["loaihinh", "category", "nganhnghe"]), Required: false),
        new(Address, HeaderMap.Named(["address", "diachi"], ["diachi", "address"]), Required: false),
        new(Lat, HeaderMap.Named(["lat", "latitude", "vido", "y"])),
        new(Lon, HeaderMap.Named(["lon", "lng", "long", "longitude", "kinhdo", "x"])),
        new(Website, HeaderMap.Named(["website", "web", "trangweb", "url"]), Required: false),
    ];

    private static readonly Dictionary<string, MerchantCategory> Categories = new(StringComparer.Ordinal)
    {
        ["generalstore"] = MerchantCategory.GeneralStore, ["cuahangbachhoa"] = MerchantCategory.GeneralStore, ["bachhoa"] = MerchantCategory.GeneralStore,
        ["taphoa"] = MerchantCategory.GeneralStore, ["cuahangtaphoa"] = MerchantCategory.GeneralStore, ["grocery"] = MerchantCategory.GeneralStore,
        ["cuahangtienloi"] = MerchantCategory.GeneralStore, ["conveniencestore"] = MerchantCategory.GeneralStore, ["cuahang"] = MerchantCategory.GeneralStore,
        ["restaurant"] = MerchantCategory.Restaurant, ["nhahang"] = MerchantCategory.Restaurant, ["quanan"] = MerchantCategory.Restaurant,
        ["anuong"] = MerchantCategory.Restaurant, ["cafe"] = MerchantCategory.Restaurant, ["caphe"] = MerchantCategory.Restaurant, ["quancaphe"] = MerchantCategory.Restaurant,
        ["supermarket"] = MerchantCategory.Supermarket, ["sieuthi"] = MerchantCategory.Supermarket,
        ["mall"] = MerchantCategory.Mall, ["shoppingmall"] = MerchantCategory.Mall, ["trungtamthuongmai"] = MerchantCategory.Mall, ["tttm"] = MerchantCategory.Mall,
        ["electronicscentre"] = MerchantCategory.ElectronicsCentre, ["electronicscenter"] = MerchantCategory.ElectronicsCentre,
        ["trungtamdienmay"] = MerchantCategory.ElectronicsCentre, ["dienmay"] = MerchantCategory.ElectronicsCentre,
        ["hotel"] = MerchantCategory.Hotel, ["khachsan"] = MerchantCategory.Hotel, ["nhanghi"] = MerchantCategory.Hotel, ["homestay"] = MerchantCategory.Hotel,
        ["marketstall"] = MerchantCategory.MarketStall, ["tieuthuong"] = MerchantCategory.MarketStall, ["sapcho"] = MerchantCategory.MarketStall,
        ["quaycho"] = MerchantCategory.MarketStall, ["cho"] = MerchantCategory.MarketStall,
        ["other"] = MerchantCategory.Other, ["khac"] = MerchantCategory.Other,
    };

    private const int ChunkRows = MerchantCsvChunk.MaxRows;

    /// <summary>
    /// Valid rows, in file order, in chunks already encoded for binary COPY (the caller disposes each); every problem
    /// goes to <paramref name="result"/> (in row order). One thread parses the file while the pool validates earlier
    /// chunks (coordinates, QR codes, categories, placement), so parsing, validation and the caller's COPY overlap;
    /// at most a few chunks are in flight. CSV cells stay UTF-8 bytes unless a row needs the general path.
    /// </summary>
    public static async IAsyncEnumerable<MerchantTuples> ReadAsync(byte[] content, string fileName, MerchantPlacement placement,
        ImportResult result, IProgress<int>? progress, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var chunks = Channel.CreateBounded<Task<ValidatedChunk>>(Math.Max(2, Environment.ProcessorCount * 2));
        var categories = new ConcurrentDictionary<string, MerchantCategory?>(StringComparer.Ordinal);
        var parser = Task.Run(async () =>
        {
            try
            {
                if (TabularFile.IsXlsx(content, fileName)) await ParseRowsAsync(TabularFile.Read(content, fileName), chunks.Writer, categories, placement, ct);
                else await ParseCsvAsync(content, chunks.Writer, categories, placement, ct);
            }
            finally
            {
                chunks.Writer.TryComplete();
            }
        }, ct);

        // Duplicates within the file are found here, in file order, so "appears earlier" names the later row.
        var seen = new SeenMerchants(content.Length / 80); // about a row per 80 bytes: no growing on the way
        var read = 0;
        try
        {
            await foreach (var pending in chunks.Reader.ReadAllAsync(ct))
            {
                var chunk = await pending;
                read += chunk.RowsRead;
                progress?.Report(read);
                result.Errors.AddRange(chunk.Errors);
                result.Warnings.AddRange(chunk.Warnings);
                var rows = chunk.Tuples.Rows;
                var kept = 0;
                for (var i = 0; i < rows.Count; i++)
                {
                    var tuple = rows[i];
                    if (seen.Add(tuple.Key)) rows[kept++] = tuple;
                    else InsertInRowOrder(result.Errors, new RowIssue(tuple.Row, Name, $"'{NameOf(chunk.Tuples, tuple)}' at the same location appears earlier in the file"));
                }
                rows.RemoveRange(kept, rows.Count - kept);
                yield return chunk.Tuples;
            }
        }
        finally
        {
            // A caller that stops early (or fails) must not leave the parser blocked on a full channel.
            chunks.Writer.TryComplete();
            while (chunks.Reader.TryRead(out var left)) if (left.IsCompletedSuccessfully) left.Result.Tuples.Dispose();
        }
        await parser; // surfaces a parse failure (or cancellation)
    }

    /// <summary>The name in an encoded tuple: after the field count (2 bytes) and row_no (4 + 4), as length + UTF-8.</summary>
    private static string NameOf(MerchantTuples tuples, MerchantTuple tuple)
    {
        var bytes = tuples.Bytes(tuple.Start, tuple.Length).Span;
        var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes[10..]);
        return System.Text.Encoding.UTF8.GetString(bytes.Slice(14, length));
    }

    private static async Task<HeaderMap?> HeaderAsync(IEnumerator<TableRow> rows, ChannelWriter<Task<ValidatedChunk>> chunks, CancellationToken ct)
    {
        var (map, _, missing) = HeaderMap.Find(rows, Fields);
        if (map is not null) return map;
        var fileError = new ValidatedChunk(new MerchantTuples(0), [new RowIssue(0, null, $"no header row found: no column for {string.Join(", ", missing)} " +
            "(expected headings such as 'Tên cơ sở', 'Loại hình', 'Địa chỉ', 'Vĩ độ'/'lat', 'Kinh độ'/'lon', 'Mã QR')")], [], 0);
        await chunks.WriteAsync(Task.FromResult(fileError), ct);
        return null;
    }

    /// <summary>CSV: the header as text, then every record's cells as bytes, validated by the fast path where it can.</summary>
    private static async Task ParseCsvAsync(byte[] content, ChannelWriter<Task<ValidatedChunk>> chunks,
        ConcurrentDictionary<string, MerchantCategory?> categories, MerchantPlacement placement, CancellationToken ct)
    {
        using var csv = TabularFile.OpenCsv(content);
        using var header = TabularFile.Rows(csv).GetEnumerator();
        if (await HeaderAsync(header, chunks, ct) is not { } map) return;
        var columns = new MerchantPlainRow.Columns(map.Width, map[Name], map[Category], map[Address], map[Lat], map[Lon], map[Qr], map[Provider],
            map[AcceptsQr], map[HasTransactions], map[EInvoice], map[Website]);
        while (true)
        {
            var chunk = new MerchantCsvChunk();
            while (!chunk.IsFull && csv.Read()) chunk.Add(csv);
            if (chunk.Count == 0) { chunk.Dispose(); break; }
            await chunks.WriteAsync(Task.Run(() => Validate(chunk, columns, map, categories, placement), ct), ct);
        }
    }

    /// <summary>XLSX (and anything else read as rows of text): the general path for every row.</summary>
    private static async Task ParseRowsAsync(IEnumerable<TableRow> table, ChannelWriter<Task<ValidatedChunk>> chunks,
        ConcurrentDictionary<string, MerchantCategory?> categories, MerchantPlacement placement, CancellationToken ct)
    {
        using var rows = table.GetEnumerator();
        if (await HeaderAsync(rows, chunks, ct) is not { } map) return;
        while (true)
        {
            var chunk = new List<TableRow>(ChunkRows);
            while (chunk.Count < ChunkRows && rows.MoveNext()) chunk.Add(rows.Current);
            if (chunk.Count == 0) break;
            await chunks.WriteAsync(Task.Run(() => Validate(chunk, map, categories, placement), ct), ct);
        }
    }

    /// <summary>A duplicate's error goes among its chunk's other errors, which are already in row order.</summary>
    private static void InsertInRowOrder(List<RowIssue> errors, RowIssue issue)
    {
        var at = errors.Count;
        while (at > 0 && errors[at - 1].Row > issue.Row) at--;
        errors.Insert(at, issue);
    }

    private sealed record ValidatedChunk(MerchantTuples Tuples, List<RowIssue> Errors, List<RowIssue> Warnings, int RowsRead);

    private static ValidatedChunk Validate(MerchantCsvChunk rows, MerchantPlainRow.Columns columns, HeaderMap map,
        ConcurrentDictionary<string, MerchantCategory?> categories, MerchantPlacement placement)
    {
        using (rows)
        {
            // A chunk-local result: validation runs on several threads, ImportResult's lists are not thread-safe.
            var local = new ImportResult { Kind = "", FileName = "" };
            var tuples = new MerchantTuples(rows.Count * 128);
            for (var i = 0; i < rows.Count; i++)
            {
                if (MerchantPlainRow.TryAdd(rows, i, columns, categories, placement, tuples, local.Warnings)) continue;
                var row = rows.ToTableRow(i);
                if (row.IsBlank) continue;
                if (Validate(row, map, categories, placement, local) is { } merchant) Add(tuples, merchant);
            }
            return new ValidatedChunk(tuples, local.Errors, local.Warnings, rows.Count);
        }
    }

    private static ValidatedChunk Validate(List<TableRow> rows, HeaderMap map, ConcurrentDictionary<string, MerchantCategory?> categories,
        MerchantPlacement placement)
    {
        var local = new ImportResult { Kind = "", FileName = "" };
        var tuples = new MerchantTuples(rows.Count * 128);
        foreach (var row in rows)
        {
            if (row.IsBlank) continue;
            if (Validate(row, map, categories, placement, local) is { } merchant) Add(tuples, merchant);
        }
        return new ValidatedChunk(tuples, local.Errors, local.Warnings, rows.Count);
    }

    /// <summary>Encodes a row the general path accepted.</summary>
    private static void Add(MerchantTuples tuples, MerchantRow m)
    {
        tuples.StartRow(m.Row);
        tuples.WriteText(m.Name);
        tuples.WriteText(m.Category.ToString());
        tuples.WriteDouble(m.Lon);
        tuples.WriteDouble(m.Lat);
        tuples.WriteText(m.Address);
        tuples.WriteText(m.QrPayload);
        tuples.WriteText(m.QrProvider);
        tuples.WriteBool(m.AcceptsQr);
        tuples.WriteBool(m.HasTransactions);
        tuples.WriteText(m.Website);
        tuples.WriteBool(m.HasEInvoice);
        tuples.WriteInt32(m.WardId);
        tuples.WriteNullableInt32(m.NeighborhoodId);
        tuples.WritePoint(m.Lon, m.Lat);
        tuples.EndRow(m.Row, NameAtPoint.Of(System.Text.Encoding.UTF8.GetBytes(m.Name), m.Lon, m.Lat));
    }

    private static MerchantRow? Validate(TableRow row, HeaderMap map, ConcurrentDictionary<string, MerchantCategory?> categories,
        MerchantPlacement placement, ImportResult result)
    {
        if (map.Overflow(row) is { } overflow) { result.Reject(row.Number, null, overflow); return null; }
        var ok = true;
        void Reject(string field, string reason) { result.Reject(row.Number, field, reason); ok = false; }
        string? Text(string field, int maxLength)
        {
            if (!map.Has(field) || CellText.Clean(row[map[field]]) is not { } text) return null;
            if (text.Length > maxLength) Reject(field, $"is {text.Length} characters long, at most {maxLength} are allowed");
            return text;
        }
        bool? Flag(string field)
        {
            if (!map.Has(field)) return null;
            if (CellText.TryParseFlag(row[map[field]], out var value)) return value;
            Reject(field, $"'{CellText.Clean(row[map[field]])}' is not yes/no (có/không, x, 1/0)");
            return null;
        }

        var name = Text(Name, 300);
        if (name is null) Reject(Name, "name is missing");
        var category = MerchantCategory.Other;
        if (Text(Category, 100) is { } label)
        {
            if (!categories.TryGetValue(label, out var known)) categories[label] = known = TryCategory(label, out var parsed) ? parsed : null;
            if (known is { } k) category = k;
            else Reject(Category, $"'{label}' is not a known category (e.g. 'Cửa hàng bách hóa', 'Nhà hàng', 'Siêu thị', 'Tiểu thương', 'Khách sạn', 'Khác' or {string.Join(", ", Enum.GetNames<MerchantCategory>())})");
        }
        var address = Text(Address, 500);
        var website = Text(Website, 300);

        var (lat, lon) = Coordinates.Read(row[map[Lat]], row[map[Lon]], Reject) ?? (0, 0);

        var payload = Text(Qr, 512);
        var provider = Text(Provider, 100);
        if (payload is not null)
        {
            if (!EmvQr.TryParse(payload, out var code, out var qrError)) Reject(Qr, qrError!);
            else provider ??= code!.Provider;
        }
        var acceptsQr = Flag(AcceptsQr) ?? payload is not null;
        var hasTransactions = Flag(HasTransactions) ?? false;
        var eInvoice = Flag(EInvoice) ?? false;
        if (!ok) return null;
        // 7 decimals (~1 cm): the stored point is exactly what a re-import computes, so natural keys match.
        (lon, lat) = (Math.Round(lon, 7), Math.Round(lat, 7));
        if (placement.Wards.Locate(lon, lat) is not { } wardId)
        {
            result.Reject(row.Number, Lat, string.Create(CultureInfo.InvariantCulture, $"({lat}, {lon}) lies in no current ward of the city"));
            return null;
        }
        if (placement.Scope is { } scope && placement.Wards.Code(wardId) != scope.WardCode)
        {
            result.Reject(row.Number, Lat, string.Create(CultureInfo.InvariantCulture, $"({lat}, {lon}) {scope.Refusal(placement.Wards.Code(wardId))}"));
            return null;
        }
        if (hasTransactions && !acceptsQr)
            result.Warnings.Add(new RowIssue(row.Number, HasTransactions, "has QR transactions but does not accept QR"));
        return new MerchantRow(row.Number, name!, category, lon, lat, address, payload, provider,
            acceptsQr, hasTransactions, website, eInvoice, wardId, placement.Neighborhoods.Locate(lon, lat));
    }

    public static bool TryCategory(string label, out MerchantCategory category)
    {
        var key = UnitNameKey.Fold(label).Replace(" ", "", StringComparison.Ordinal);
        if (Categories.TryGetValue(key, out category)) return true;
        return !label.Any(char.IsDigit) && Enum.TryParse(label, ignoreCase: true, out category) && Enum.IsDefined(category);
    }
}
