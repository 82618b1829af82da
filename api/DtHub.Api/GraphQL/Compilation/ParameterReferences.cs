using System.Buffers;
using System.Text;

namespace DtHub.Api.GraphQL.Compilation;

/// <summary>
/// Finds the parameter references (<c>@name</c>) of SQL text the way PostgreSQL's lexer would see them: outside
/// string literals, quoted identifiers and comments. A code prefix such as <c>'@p'</c> is written into the SQL as a
/// literal, and a plain search-and-replace would rewrite its text.
/// </summary>
internal static class ParameterReferences
{
    private static readonly SearchValues<char> Significant = SearchValues.Create("@'\"-/");

    /// <summary>The text with each reference replaced by <paramref name="replacement"/>'s answer (kept when it answers null).</summary>
    public static string Rewrite(string sql, Func<string, string?> replacement) => Rewrite(sql, (name, _) => replacement(name));

    /// <summary>As above; the replacement also gets the index of the reference's <c>@</c> in <paramref name="sql"/>.</summary>
    public static string Rewrite(string sql, Func<string, int, string?> replacement)
    {
        StringBuilder? output = null; // only when something is replaced
        var copied = 0;
        for (var i = 0; i < sql.Length;)
        {
            // Jump to the next character that can start a reference, a literal or a comment.
            var next = sql.AsSpan(i).IndexOfAny(Significant);
            if (next < 0) break;
            i += next;
            var end = SkipQuoted(sql, i);
            if (end > i) { i = end; continue; }
            if (sql[i] == '@' && i + 1 < sql.Length && IsNameStart(sql[i + 1]) && (i == 0 || !IsNamePart(sql[i - 1])))
            {
                var nameEnd = i + 1;
                while (nameEnd < sql.Length && IsNamePart(sql[nameEnd])) nameEnd++;
                if (replacement(sql[(i + 1)..nameEnd], i) is { } replaced)
                {
                    (output ??= new StringBuilder(sql.Length + 64)).Append(sql, copied, i - copied).Append(replaced);
                    copied = nameEnd;
                }
                i = nameEnd;
                continue;
            }
            i++;
        }
        return output is null ? sql : output.Append(sql, copied, sql.Length - copied).ToString();
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
            var next = escapes ? sql.AsSpan(i).IndexOfAny(quote, '\\') : sql.AsSpan(i).IndexOf(quote);
            if (next < 0) return sql.Length;
            i += next;
            if (sql[i] == '\\') { i += 2; continue; }
            if (i + 1 < sql.Length && sql[i + 1] == quote) { i += 2; continue; } // a doubled quote
            return i + 1;
        }
        return sql.Length;
    }

    private static bool IsNameStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsNamePart(char c) => char.IsLetterOrDigit(c) || c == '_';
}
