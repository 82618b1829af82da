using System.Globalization;
using GraphQL.Types;
using GraphQLParser.AST;

namespace DtHub.Api.GraphQL.Scalars;

/// <summary>A calendar month written "YYYY-MM"; held as the first day of the month.</summary>
public sealed class MonthGraphType : ScalarGraphType
{
    public MonthGraphType()
    {
        Name = "Month";
        Description = "A calendar month as \"YYYY-MM\", e.g. \"2022-06\".";
    }

    public static string Format(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out DateOnly month) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out month);

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        DateOnly d => Format(d),
        DateTime d => Format(DateOnly.FromDateTime(d)),
        string s when TryParse(s, out var m) => Format(m),
        _ => ThrowSerializationError(value),
    };

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        DateOnly d => new DateOnly(d.Year, d.Month, 1),
        string s when TryParse(s, out var m) => m,
        string s => throw new FormatException($"\"{s}\" is not a month: write it as \"YYYY-MM\", e.g. \"2022-06\"."),
        _ => ThrowValueConversionError(value),
    };

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLStringValue s => ParseValue((string)s.Value),
        _ => ThrowLiteralConversionError(value),
    };
}
