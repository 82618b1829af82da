using DtHub.Api.GraphQL;
using DtHub.Api.GraphQL.Relay;
using GraphQL;
using GraphQL.Types;

namespace DtHub.Api.Features.Auth;

/// <summary>apiKeys and auditLog: admins only.</summary>
public sealed class AccessQueries : IQueryFields
{
    public void AddTo(HubQuery query)
    {
        query.Field<ListGraphType<NonNullGraphType<ApiKeyGraphType>>>("apiKeys")
            .Description("Every API key, live and revoked (admins only).")
            .ResolveAsync(async c => AdminReads.Allowed(c)
                ? await c.RequestServices!.GetRequiredService<ApiKeyStore>().ListAsync(c.CancellationToken)
                : null);
        query.Field<ConnectionGraphType<AuditEntryGraphType, AuditEntry>>("auditLog")
            .Description("Every write and refused write, newest first (admins only).")
            .Argument<IntGraphType>("first", "Page size, 1–100 (default 50).")
            .Argument<StringGraphType>("after", "endCursor of the previous page.")
            .Argument<AuditFilterInputGraphType>("where", "Filters, all of which must hold.")
            .ResolveAsync(async c =>
            {
                if (!AdminReads.Allowed(c)) return null;
                var first = c.GetArgument("first", 50);
                if (first is < 1 or > 100) throw new ExecutionError($"first must be 1–100, not {first}.") { Code = "INVALID_ARGUMENT" };
                var where = c.GetArgument<Dictionary<string, object?>>("where") ?? [];
                var filter = new AuditFilter(
                    where.GetValueOrDefault("actor") as string, where.GetValueOrDefault("entity") as string, where.GetValueOrDefault("entityId") as string,
                    where.GetValueOrDefault("allowed") as bool?, AsTime(where.GetValueOrDefault("since")), AsTime(where.GetValueOrDefault("until")));
                return await c.RequestServices!.GetRequiredService<AuditLogReader>().PageAsync(first, c.GetArgument<string?>("after"), filter, c.CancellationToken);
            });
    }

    private static DateTimeOffset? AsTime(object? value) => value switch
    {
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        _ => null,
    };
}

public sealed class AuditEntryGraphType : ObjectGraphType<AuditEntry>
{
    public AuditEntryGraphType()
    {
        Name = "AuditEntry";
        Description = "A write (with the row before and after, as JSON) or a refused write (with the reason).";
        Field(e => e.Id).Description("Position in the log.");
        Field(e => e.At).Description("When.");
        Field(e => e.Actor).Description("Who: user:SUB (role, ward), key:ID (name), or system:DB_USER for commands and jobs.");
        Field(e => e.Action).Description("INSERT, UPDATE or DELETE; for a refusal, the mutation refused.");
        Field(e => e.Entity).Description("Table written (or the entity type of a refused write).");
        Field(e => e.EntityId, nullable: true).Description("Key of the row.");
        Field(e => e.Allowed).Description("False for a refused write.");
        Field(e => e.Before, nullable: true).Description("The row before the change, JSON (geometries as GeoJSON).");
        Field(e => e.After, nullable: true).Description("The row after the change, JSON.");
        Field(e => e.Reason, nullable: true).Description("Why a write was refused.");
    }
}

public sealed class AuditFilterInputGraphType : InputObjectGraphType
{
    public AuditFilterInputGraphType()
    {
        Name = "AuditLogFilter";
        Description = "Filters on the audit log.";
        Field<StringGraphType>("actor").Description("Actor contains this text.");
        Field<StringGraphType>("entity").Description("Table, e.g. merchants.");
        Field<StringGraphType>("entityId").Description("Key of the row.");
        Field<BooleanGraphType>("allowed").Description("false: refusals only.");
        Field<DateTimeOffsetGraphType>("since").Description("At or after.");
        Field<DateTimeOffsetGraphType>("until").Description("Before.");
    }
}
