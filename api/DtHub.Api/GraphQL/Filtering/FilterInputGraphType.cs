using GraphQL.Types;

namespace DtHub.Api.GraphQL.Filtering;

/// <summary>The <c>where:</c> input of an entity, generated from its <see cref="QueryModel{T}"/>.</summary>
public abstract class FilterInputGraphType<T> : InputObjectGraphType where T : class
{
    protected FilterInputGraphType(QueryModel<T> model)
    {
        Name = $"{model.TypeName}FilterInput";
        Description = $"Conditions on {model.TypeName} items; fields combine with AND, use and/or for more.";
        Field("and", new ListGraphType(new NonNullGraphType(new GraphQLTypeReference(Name))))
            .Description("All of these conditions hold.");
        Field("or", new ListGraphType(new NonNullGraphType(new GraphQLTypeReference(Name))))
            .Description("At least one of these conditions holds.");
        foreach (var field in model.Fields.Where(f => f.Filterable))
            Field(field.Name, field.OperationInputType!).Description($"Condition on {field.Name}.");
    }
}

/// <summary>Sort direction.</summary>
public sealed class SortEnumGraphType : EnumerationGraphType
{
    public SortEnumGraphType()
    {
        Name = "SortEnumType";
        Description = "Sort direction.";
        Add("ASC", SortDirection.Ascending, "Smallest first.");
        Add("DESC", SortDirection.Descending, "Largest first.");
    }
}

public enum SortDirection { Ascending, Descending }

/// <summary>One element of <c>order:</c>; set exactly one field per element, in priority order.</summary>
public abstract class SortInputGraphType<T> : InputObjectGraphType where T : class
{
    protected SortInputGraphType(QueryModel<T> model)
    {
        Name = $"{model.TypeName}SortInput";
        Description = $"Sort {model.TypeName} items by one field per list element, e.g. order: [{{ name: ASC }}, {{ id: DESC }}].";
        foreach (var field in model.Fields.Where(f => f.Sortable))
            Field<SortEnumGraphType>(field.Name).Description($"Sort by {field.Name}.");
        if (model.NearestBy is not null)
            Field<Scalars.GeoJsonGraphType>("nearest").Description("Nearest first to this GeoJSON geometry (metres, uses the spatial index).");
    }
}
