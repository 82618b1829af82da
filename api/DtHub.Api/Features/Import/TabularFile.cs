using System.Globalization;
using CsvHelper;
using MiniExcelLibs;

namespace DtHub.Api.Features.Import;

/// <summary>One row of a CSV or XLSX file: its number as a spreadsheet shows it, and its cells as text.</summary>
public sealed record TableRow(int Number, string?[] Cells)
{
    public string? this[int column] => column >= 0 && column < Cells.Length ? Cells[column] : null;
    public bool IsBlank => Cells.All(string.IsNullOrWhiteSpace);
}

/// <summary>
/// Reads CSV (any of , ; tab | as delimiter, UTF-8 with or without BOM) and XLSX (first sheet) into rows of text,
/// so every importer validates one shape. Numbers from XLSX arrive in invariant culture.
/// </summary>
public static class TabularFile
{
    public static bool IsXlsx(byte[] content, string fileName) =>
        fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".xlsm", StringComparison.OrdinalIgnoreCase)
        // A zip header: somebody renamed a workbook to .csv or sent it without a name.
        || (content.Length > 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4);

    /// <summary>Streams the rows; blank rows are yielded too so row numbers stay those the sender sees.</summary>
    public static IEnumerable<TableRow> Read(byte[] content, string fileName) =>
        IsXlsx(content, fileName) ? ReadXlsx(content) : ReadCsv(content);

    private static IEnumerable<TableRow> ReadCsv(byte[] content)
    {
        using var csv = OpenCsv(content);
        foreach (var row in Rows(csv)) yield return row;
    }

    /// <summary>A CSV reader: the separator is detected from the first record (, ; tab |); the BOM, when present, is skipped.</summary>
    internal static CsvReader OpenCsv(byte[] content) =>
        CsvReader.Create(content, new CsvReaderOptions { HasHeader = false, SkipEmptyLines = false });

    /// <summary>The reader's next records as rows of text (a caller may stop early and read on by itself).</summary>
    internal static IEnumerable<TableRow> Rows(CsvReader csv)
    {
        while (csv.Read())
        {
            var cells = new string?[csv.FieldCount];
            for (var i = 0; i < cells.Length; i++) cells[i] = csv.GetStringOrNull(i);
            yield return new TableRow((int)csv.RowNumber, cells);
        }
    }

    private static IEnumerable<TableRow> ReadXlsx(byte[] content)
    {
        using var stream = new MemoryStream(content, writable: false);
        var number = 0;
        foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX))
        {
            number++;
            yield return new TableRow(number, row.Values.Select(AsText).ToArray());
        }
    }

    private static string? AsText(object? value) => value switch
    {
        null => null,
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
