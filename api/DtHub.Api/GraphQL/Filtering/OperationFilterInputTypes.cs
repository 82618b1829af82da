using DtHub.Api.GraphQL.Scalars;
using GraphQL.Types;

namespace DtHub.Api.GraphQL.Filtering;

/// <summary>Operators on text, in HotChocolate.Data's shape, plus accent-insensitive matching for Vietnamese.</summary>
public sealed class StringOperationFilterInputType : InputObjectGraphType
{
    public StringOperationFilterInputType()
    {
        Name = "StringOperationFilterInput";
        Description = "Conditions on a text field. The i-prefixed operators ignore case and Vietnamese diacritics (\"Thang Nhi\" finds \"Thắng Nhì\").";
        Field<StringGraphType>("eq").Description("Equal to (null: the field is empty).");
        Field<StringGraphType>("neq").Description("Not equal to.");
        Field<ListGraphType<StringGraphType>>("in").Description("One of.");
        Field<ListGraphType<StringGraphType>>("nin").Description("None of.");
        Field<StringGraphType>("contains").Description("Contains, case-sensitive.");
        Field<StringGraphType>("ncontains").Description("Does not contain.");
        Field<StringGraphType>("startsWith").Description("Starts with, case-sensitive.");
        Field<StringGraphType>("nstartsWith").Description("Does not start with.");
        Field<StringGraphType>("endsWith").Description("Ends with, case-sensitive.");
        Field<StringGraphType>("nendsWith").Description("Does not end with.");
        Field<StringGraphType>("ieq").Description("Equal to, ignoring case and diacritics.");
        Field<StringGraphType>("icontains").Description("Contains, ignoring case and diacritics.");
        Field<StringGraphType>("istartsWith").Description("Starts with, ignoring case and diacritics.");
    }
}

/// <summary>Comparison operators shared by numbers, dates and months.</summary>
public abstract class ComparableOperationFilterInputType<TScalar> : InputObjectGraphType
    where TScalar : ScalarGraphType
{
    protected ComparableOperationFilterInputType(string name, string what)
    {
        Name = name;
        Description = $"Conditions on {what}.";
        Field<TScalar>("eq").Description("Equal to (null: the field is empty).");
        Field<TScalar>("neq").Description("Not equal to.");
        Field<ListGraphType<TScalar>>("in").Description("One of.");
        Field<ListGraphType<TScalar>>("nin").Description("None of.");
        Field<TScalar>("gt").Description("Greater than.");
        Field<TScalar>("gte").Description("Greater than or equal to.");
        Field<TScalar>("lt").Description("Less than.");
        Field<TScalar>("lte").Description("Less than or equal to.");
    }
}

public sealed class IntOperationFilterInputType() : ComparableOperationFilterInputType<IntGraphType>("IntOperationFilterInput", "a whole number");

public sealed class FloatOperationFilterInputType() : ComparableOperationFilterInputType<FloatGraphType>("FloatOperationFilterInput", "a number");

public sealed class DateOperationFilterInputType() : ComparableOperationFilterInputType<DateOnlyGraphType>("DateOperationFilterInput", "a date (YYYY-MM-DD)");

public sealed class DateTimeOperationFilterInputType() : ComparableOperationFilterInputType<DateTimeOffsetGraphType>("DateTimeOperationFilterInput", "a point in time");

public sealed class MonthOperationFilterInputType() : ComparableOperationFilterInputType<MonthGraphType>("MonthOperationFilterInput", "a month (\"YYYY-MM\")");

/// <summary>Operators on a yes/no field.</summary>
public sealed class BooleanOperationFilterInputType : InputObjectGraphType
{
    public BooleanOperationFilterInputType()
    {
        Name = "BooleanOperationFilterInput";
        Description = "Conditions on a yes/no field.";
        Field<BooleanGraphType>("eq").Description("Equal to.");
        Field<BooleanGraphType>("neq").Description("Not equal to.");
    }
}

/// <summary>Operators on an enum field; one input type per enum.</summary>
public sealed class EnumOperationFilterInputType<TEnumType> : InputObjectGraphType
    where TEnumType : EnumerationGraphType, new()
{
    public EnumOperationFilterInputType()
    {
        var enumName = new TEnumType().Name;
        Name = $"{enumName}OperationFilterInput";
        Description = $"Conditions on a {enumName} field.";
        Field<TEnumType>("eq").Description("Equal to.");
        Field<TEnumType>("neq").Description("Not equal to.");
        Field<ListGraphType<NonNullGraphType<TEnumType>>>("in").Description("One of.");
        Field<ListGraphType<NonNullGraphType<TEnumType>>>("nin").Description("None of.");
    }
}
