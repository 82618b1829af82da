namespace DtHub.Api.Features.Reports;

/// <summary>Text written into CSV/XLSX that a spreadsheet must not run as a formula.</summary>
public static class SpreadsheetText
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>Prefixes an apostrophe when the text starts like a formula (=, +, -, @, tab, CR), per OWASP's advice.</summary>
    public static string Neutralise(string text) =>
        text.Length > 0 && FormulaStarts.Contains(text[0]) ? "'" + text : text;
}
