using DtHub.Api.Data;
using DtHub.Api.Features.Auth;
using DtHub.Api.GraphQL.Relay;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace DtHub.Api.GraphQL.Mutations;

/// <summary>The shared delete mutation body: decode the id, delete the row, report NOT_FOUND or a blocking reference.</summary>
public static class EntityDeletion
{
    public static async Task<DeletePayload> DeleteAsync<T>(IResolveFieldContext context, string typeName, Func<HubDbContext, long, IQueryable<T>> target)
    {
        var input = new InputReader((IDictionary<string, object?>)context.Arguments!["input"].Value!);
        var id = input.Id("id", typeName, required: true);
        if (id is null) return new DeletePayload(null, input.Errors);
        if (await WriteAccess.DenyAsync(context, "id", Enum.Parse<WriteAccess.Target>(typeName), id, null) is { } denied)
            return new DeletePayload(null, [denied]);

        var factory = context.RequestServices!.GetRequiredService<IDbContextFactory<HubDbContext>>();
        await using var db = await factory.CreateDbContextAsync(context.CancellationToken);
        try
        {
            var deleted = await target(db, id.Value).ExecuteDeleteAsync(context.CancellationToken);
            return deleted == 0
                ? new DeletePayload(null, [MutationError.NotFound("id", typeName)])
                : new DeletePayload(GlobalId.Encode(typeName, id.Value), []);
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.ForeignKeyViolation)
        {
            return new DeletePayload(null, [new MutationError("IN_USE", "id", $"This {typeName} is still referenced ({e.ConstraintName}); remove what refers to it first.")]);
        }
    }
}

/// <summary>The input of every delete mutation.</summary>
public sealed class DeleteInputGraphType : InputObjectGraphType
{
    public DeleteInputGraphType()
    {
        Name = "DeleteInput";
        Description = "The global id of the object to delete.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global id.");
    }
}
