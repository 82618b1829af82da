using DtHub.Api.Data;
using GraphQL;
using GraphQL.Types;

namespace DtHub.Api.GraphQL.Mutations;

/// <summary>Declares the create/update/delete trio every maintained entity has, with one save function for both writes.</summary>
public static class CrudMutations
{
    public static void AddCrud<TPayloadType, TCreateInput, TUpdateInput, TEntity>(
        this HubMutation mutation,
        string typeName,
        string createDescription,
        Func<IResolveFieldContext, bool, Task<Payload<TEntity>>> save,
        Func<HubDbContext, long, IQueryable<TEntity>> target)
        where TPayloadType : IGraphType
        where TCreateInput : IInputObjectGraphType
        where TUpdateInput : IInputObjectGraphType
        where TEntity : class
    {
        mutation.Field<NonNullGraphType<TPayloadType>>($"create{typeName}")
            .Description(createDescription)
            .Argument<NonNullGraphType<TCreateInput>>("input")
            .ResolveAsync(async c => await save(c, true));
        mutation.Field<NonNullGraphType<TPayloadType>>($"update{typeName}")
            .Description($"Changes the given fields of a {typeName}; omitted fields stay as they are.")
            .Argument<NonNullGraphType<TUpdateInput>>("input")
            .ResolveAsync(async c => await save(c, false));
        mutation.Field<NonNullGraphType<DeletePayloadGraphType>>($"delete{typeName}")
            .Description($"Removes a {typeName}.")
            .Argument<NonNullGraphType<DeleteInputGraphType>>("input")
            .ResolveAsync(async c => await EntityDeletion.DeleteAsync(c, typeName, target));
    }
}
