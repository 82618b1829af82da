using System.Text;

namespace DtHub.Api.GraphQL.Compilation;

/// <summary>
/// Finds the parameter references (<c>@name</c>) of SQL text the way PostgreSQL's lexer would see them: outside
/// string literals, quoted identifiers and comments. A code prefix such as <c>'@p'</c> is written into the SQL as a
/// literal, and a plain search-and-replace would rewrite its text.
/// </summary>
internal static class ParameterReferences
{
    /// <summary>The text with each reference replaced by <paramref name="replacement"/>'s answer (kept when it answers null).</summary>
    public static string Rewrite(string sql, Func<string, string?> replacement)
    {
        var output = new StringBuilder(sql.Length);
        var copied = 0;
        for (var i = 0; i < sql.Length;)
        {
            var end = SkipQuoted(sql, i);
            if (end > i) { i = end; continue; }
            if (sql[i] == '@' && i + 1 < sql.Length && IsNameStart(sql[i + 1]) && (i == 0 || !IsNamePart(sql[i - 1])))
            {
                var nameEnd = i + 1;
                while (nameEnd < sql.Length && IsNamePart(sql[nameEnd])) nameEnd++;
                if (replacement(sql[(i + 1)..nameEnd]) is { } replaced)
                {
                    output.Append(sql, copied, i - copied).Append(replaced);
                    copied = nameEnd;
                }
                i = nameEnd;
                continue;
            }
            i++;
        }
        return copied == 0 ? sql : output.Append(sql, copied, sql.Length - copied).ToString();
    }

    /// <summary>The names referenced in the text.</summary>
    public static HashSet<string> Names(string sql)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        Rewrite(sql, name => { names.Add(name); return null; });
        return names;
    }

    /// <summary>The index after a literal, quoted identifier or comment starting at <paramref name="i"/>, or <paramref name="i"/>.</summary>
    private static int SkipQuoted(string sql, int i)
    {
        switch (sql[i])
        {
            case '\'':
                // E'…' takes backslash escapes; a standard string only doubled quotes.
                var escapes = i > 0 && sql[i - 1] is 'E' or 'e' && (i == 1 || !IsNamePart(sql[i - 2]));
                return Closing(sql, i + 1, '\'', escapes);
            case '"':
                return Closing(sql, i + 1, '"', escapes: false);
            case '-' when i + 1 < sql.Length && sql[i + 1] == '-':
                var lineEnd = sql.IndexOf('\n', i);
                return lineEnd < 0 ? sql.Length : lineEnd + 1;
            case '/' when i + 1 < sql.Length && sql[i + 1] == '*':
                var commentEnd = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                return commentEnd < 0 ? sql.Length : commentEnd + 2;
            default:
                return i;
        }
    }

    private static int Closing(string sql, int i, char quote, bool escapes)
    {
        while (i < sql.Length)
        {
            if (escapes && sql[i] == '\\') { i += 2; continue; }
            if (sql[i] == quote)
            {
                if (i + 1 < sql.Length && sql[i + 1] == quote) { i += 2; continue; }
                return i + 1;
            }
            i++;
        }
        return sql.Length;
    }

    private static bool IsNameStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsNamePart(char c) => char.IsLetterOrDigit(c) || c == '_';
}
