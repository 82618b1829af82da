using DtHub.Api.GraphQL.Compilation;

namespace DtHub.Api.Tests.GraphQL;

/// <summary>Parameter references are found where PostgreSQL's lexer finds them, never inside a literal, identifier or comment.</summary>
public sealed class ParameterReferencesTests
{
    private static string Numbered(string sql)
    {
        var numbers = new Dictionary<string, string>();
        return ParameterReferences.Rewrite(sql, name => numbers.TryGetValue(name, out var n) ? n : numbers[name] = "$" + (numbers.Count + 1));
    }

    [Theory]
    [InlineData("SELECT @p, @q, @p", "SELECT $1, $2, $1")]
    [InlineData("code >= '@p' AND code < '@q' AND id = @p", "code >= '@p' AND code < '@q' AND id = $1")]
    [InlineData("name = 'it''s @p' AND x = @p", "name = 'it''s @p' AND x = $1")]
    [InlineData(@"name = E'\'@p' AND x = @p", @"name = E'\'@p' AND x = $1")]
    [InlineData("\"@p\" = @p", "\"@p\" = $1")]
    [InlineData("x = @p -- @q\nAND y = @r", "x = $1 -- @q\nAND y = $2")]
    [InlineData("x = @p /* @q */ AND y = @r", "x = $1 /* @q */ AND y = $2")]
    [InlineData("geom @ box AND tags @> @p AND a@b", "geom @ box AND tags @> $1 AND a@b")]
    [InlineData("'{\"code\":' || @__p_0", "'{\"code\":' || $1")]
    public void Rewrites_references_only(string sql, string expected) => Assert.Equal(expected, Numbered(sql));

    [Fact]
    public void Text_without_references_is_returned_as_it_is()
    {
        const string sql = "SELECT '@p' FROM wards";
        Assert.Same(sql, ParameterReferences.Rewrite(sql, _ => "$1"));
    }

    [Fact]
    public void Names_lists_the_references() =>
        Assert.True(ParameterReferences.Names("x = @p AND y = '@q' AND z = @__p_0 AND w = @p").SetEquals(["p", "__p_0"]));

    [Fact]
    public void Page_sizes_become_literals_outside_literals_only()
    {
        var text = PageLiterals.Inline("SELECT 'LIMIT @p' AS x FROM w WHERE a = @a LIMIT @p OFFSET @o",
            [new Npgsql.NpgsqlParameter("@p", (object)10), new Npgsql.NpgsqlParameter("@o", (object)0), new Npgsql.NpgsqlParameter("@a", (object)7)]);
        Assert.Equal("SELECT 'LIMIT @p' AS x FROM w WHERE a = @a LIMIT 10 OFFSET 0", text.Sql);
        Assert.Equal(["@a"], text.Parameters.Select(p => p.ParameterName));
    }
}
