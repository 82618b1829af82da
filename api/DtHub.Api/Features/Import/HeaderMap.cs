namespace DtHub.Api.Features.Import;

/// <summary>
/// Finds the header row of a table and which column holds each field, from the many ways a header is written
/// (Vietnamese or English, with or without diacritics, snake_case). Fields are tried in the order given, so put
/// the more specific one first ("người có tài khoản từ 15 tuổi" before "từ 15 tuổi").
/// </summary>
public sealed class HeaderMap
{
    private readonly Dictionary<string, int> _columns;

    private HeaderMap(int row, int width, Dictionary<string, int> columns)
    {
        HeaderRow = row;
        Width = width;
        _columns = columns;
    }

    public int HeaderRow { get; }

    /// <summary>Cells in the header row up to its last non-blank one.</summary>
    public int Width { get; }

    /// <summary>
    /// Why a row has filled cells beyond the header, or null. In a comma-separated file an unquoted "22,239" splits
    /// into two cells and shifts every later figure one column: refusing the row is the only safe answer.
    /// </summary>
    public string? Overflow(TableRow row)
    {
        var last = Array.FindLastIndex(row.Cells, c => !string.IsNullOrWhiteSpace(c));
        return last < Width ? null
            : $"row has {last + 1} cells but the header has {Width}: a number with a thousands separator in an unquoted CSV cell? " +
              "Quote such cells, or save with ';' as the separator";
    }

    public bool Has(string field) => _columns.ContainsKey(field);

    public int this[string field] => _columns.TryGetValue(field, out var c) ? c : -1;

    /// <summary>A field and the test a folded header cell (see <see cref="UnitNameKey.Fold"/>) must pass.</summary>
    public sealed record Field(string Name, Func<string, bool> Matches, bool Required = true);

    /// <summary>
    /// The first of the first <paramref name="scanRows"/> rows in which every required field has a column;
    /// null (with the closest attempt's missing fields) when none does.
    /// </summary>
    public static (HeaderMap? Map, TableRow? Header, IReadOnlyList<string> Missing) Find(
        IEnumerator<TableRow> rows, IReadOnlyList<Field> fields, int scanRows = 20)
    {
        IReadOnlyList<string> missing = fields.Where(f => f.Required).Select(f => f.Name).ToList();
        for (var scanned = 0; scanned < scanRows && rows.MoveNext(); scanned++)
        {
            var row = rows.Current;
            var columns = Match(row, fields);
            var stillMissing = fields.Where(f => f.Required && !columns.ContainsKey(f.Name)).Select(f => f.Name).ToList();
            if (stillMissing.Count == 0)
                return (new HeaderMap(row.Number, Array.FindLastIndex(row.Cells, c => !string.IsNullOrWhiteSpace(c)) + 1, columns), row, []);
            if (columns.Count > 0 && stillMissing.Count < missing.Count) missing = stillMissing;
        }
        return (null, null, missing);
    }

    private static Dictionary<string, int> Match(TableRow row, IReadOnlyList<Field> fields)
    {
        var columns = new Dictionary<string, int>();
        for (var c = 0; c < row.Cells.Length; c++)
        {
            var text = CellText.Clean(row.Cells[c]);
            if (text is null) continue;
            var folded = UnitNameKey.Fold(text);
            var field = fields.FirstOrDefault(f => !columns.ContainsKey(f.Name) && f.Matches(folded));
            if (field is not null) columns[field.Name] = c;
        }
        return columns;
    }

    /// <summary>True when the folded header, spaces removed, equals one of the keys or contains one of the fragments.</summary>
    public static Func<string, bool> Named(string[] exact, string[]? fragments = null) => folded =>
    {
        var squeezed = folded.Replace(" ", "", StringComparison.Ordinal);
        return exact.Contains(squeezed) || (fragments?.Any(f => squeezed.Contains(f, StringComparison.Ordinal)) ?? false);
    };
}
