using GraphQL.Types;

namespace DtHub.Api.GraphQL.Mutations;

/// <summary>A typed validation error returned in a mutation payload (the mutation did not change anything).</summary>
public sealed record MutationError(string Code, string? Field, string Message)
{
    public static MutationError Required(string field) => new("REQUIRED", field, $"{field} is required.");
    public static MutationError NotFound(string field, string what) => new("NOT_FOUND", field, $"No {what} has this id.");
}

public sealed class MutationErrorGraphType : ObjectGraphType<MutationError>
{
    public MutationErrorGraphType()
    {
        Name = "MutationError";
        Description = "Why a mutation was refused; nothing was changed.";
        Field(e => e.Code).Description("Machine-readable reason: REQUIRED, TOO_LONG, OUT_OF_RANGE, INVALID_GEOMETRY, OUTSIDE_WARDS, NOT_FOUND, INVALID_VALUE, FORBIDDEN (the caller may not write there).");
        Field(e => e.Field, nullable: true).Description("The input field at fault, e.g. \"location\".");
        Field(e => e.Message).Description("What is wrong, in words.");
    }
}

/// <summary>Result of a create or update: the entity, or the errors that prevented the change.</summary>
public sealed record Payload<T>(T? Entity, IReadOnlyList<MutationError> Errors) where T : class
{
    public static Payload<T> Failed(IReadOnlyList<MutationError> errors) => new(null, errors);
    public static Payload<T> Failed(MutationError error) => new(null, [error]);
}

/// <summary>Result of a delete.</summary>
public sealed record DeletePayload(string? DeletedId, IReadOnlyList<MutationError> Errors);

public sealed class DeletePayloadGraphType : ObjectGraphType<DeletePayload>
{
    public DeletePayloadGraphType()
    {
        Name = "DeletePayload";
        Description = "Result of a delete: the id removed, or the errors.";
        Field(p => p.DeletedId, nullable: true).Description("Global id of the deleted object.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MutationErrorGraphType>>>>("errors").Description("Why nothing was deleted.").Resolve(c => c.Source.Errors);
    }
}

/// <summary>Payload type exposing the entity under its own name (e.g. <c>merchant</c>) beside <c>errors</c>.</summary>
public abstract class PayloadGraphType<TEntityGraphType, T> : ObjectGraphType<Payload<T>>
    where TEntityGraphType : IGraphType where T : class
{
    protected PayloadGraphType(string name, string entityField)
    {
        Name = name;
        Description = $"Result of changing a {entityField}: the {entityField}, or the errors that prevented the change.";
        Field<TEntityGraphType>(entityField).Description($"The {entityField} after the change; null when refused.").Resolve(c => c.Source.Entity);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MutationErrorGraphType>>>>("errors").Description("Why nothing was changed.").Resolve(c => c.Source.Errors);
    }
}
