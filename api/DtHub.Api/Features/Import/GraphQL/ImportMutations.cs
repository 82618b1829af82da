using System.Text.Json;
using DtHub.Api.Features.Auth;
using DtHub.Api.GraphQL;
using DtHub.Api.GraphQL.Mutations;
using DtHub.Api.GraphQL.Scalars;
using DtHub.Api.GraphQL.Transport.Uploads;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using Npgsql;

namespace DtHub.Api.Features.Import.GraphQL;

/// <summary>
/// importWardReport / importMerchants / importWifi / importBoundaries: the CLI's imports as multipart uploads, on the
/// same <see cref="ImportService"/> path. Admins import anything; a ward officer imports only rows of their own ward
/// (other wards' rows are row errors naming the ward) and no boundaries; everyone else is refused. Each refusal and
/// each import run is written to the audit log.
/// </summary>
public sealed class ImportMutations : IMutationFields
{
    public void AddTo(HubMutation mutation)
    {
        Add(mutation, "importWardReport", WardReportImporter.Kind,
            "Imports a month of ward figures (CSV or XLSX in the shape of the city's table). Default mode: ALL_OR_NOTHING.",
            f => f.Argument<NonNullGraphType<MonthGraphType>>("month", "The month the figures are for."),
            (s, c, u, mode, by, scope) => s.ImportWardReportAsync(u.OpenRead(), u.FileName, c.GetArgument<DateOnly>("month"), mode, by, scope, c.CancellationToken));
        Add(mutation, "importMerchants", MerchantImporter.Kind,
            "Imports a merchant registry (CSV or XLSX; EMVCo/VietQR payloads checked). Default mode: ACCEPT_VALID_ROWS.",
            null, (s, c, u, mode, by, scope) => s.ImportMerchantsAsync(u.OpenRead(), u.FileName, mode, by, null, scope, c.CancellationToken));
        Add(mutation, "importWifi", WifiImporter.Kind,
            "Imports public Wi-Fi points (CSV or XLSX). Default mode: ACCEPT_VALID_ROWS.",
            null, (s, c, u, mode, by, scope) => s.ImportWifiAsync(u.OpenRead(), u.FileName, mode, by, scope, c.CancellationToken));
        Add(mutation, "importBoundaries", BoundaryImporter.Kind,
            "Imports ward or neighbourhood boundaries (GeoJSON FeatureCollection, merges with lineage; admins only). Default mode: ALL_OR_NOTHING.",
            null, (s, c, u, mode, by, _) => s.ImportBoundariesAsync(u.OpenRead(), u.FileName, mode, by, c.CancellationToken));
    }

    private delegate Task<ImportResult> Run(ImportService service, IResolveFieldContext context, Upload file, ImportMode? mode, string importedBy, ImportScope? scope);

    private static void Add(HubMutation mutation, string name, string kind, string description,
        Action<FieldBuilder<object?, ImportPayload>>? arguments, Run run)
    {
        var field = mutation.Field<NonNullGraphType<ImportPayloadGraphType>, ImportPayload>(name)
            .Description(description)
            .Argument<NonNullGraphType<UploadGraphType>>("file", "The file, as a part of a multipart/form-data request.")
            .Argument<ImportModeGraphType>("mode", "Overrides the default mode of this kind of import.");
        arguments?.Invoke(field);
        field.ResolveAsync(async c => await ImportAsync(c, kind, run));
    }

    private static async Task<ImportPayload> ImportAsync(IResolveFieldContext context, string kind, Run run)
    {
        var services = context.RequestServices!;
        var caller = HubCaller.From(context.User, services.GetRequiredService<AuthOptions>());
        var reason = caller switch
        {
            { IsAdmin: true } => null,
            { Kind: CallerKind.Anonymous } => "Sign in to import: imports need a bearer token of a ward officer or an admin.",
            { Kind: CallerKind.ApiKey } => "API keys are read-only.",
            { IsWardOfficer: true } when kind == BoundaryImporter.Kind => "Boundaries are the city's map: only admins import them.",
            { IsWardOfficer: true } => null,
            { Role: HubRoles.WardOfficer } => "Your token names no ward: a ward officer imports only their own ward's rows.",
            _ => $"The {caller.Role ?? "(no role)"} role reads only; imports need a ward officer or an admin.",
        };
        if (reason is not null)
        {
            var denied = new MutationError(WriteAccess.Code, "file", reason);
            await AuditTrail.RecordDenialAsync(context, caller, kind, null, denied);
            return new ImportPayload(null, [denied]);
        }

        var file = context.GetArgument<Upload?>("file");
        if (file is null) return new ImportPayload(null, [MutationError.Required("file")]);
        var mode = context.GetArgument<ImportMode?>("mode");
        var scope = caller.IsAdmin ? null : new ImportScope(caller.WardCode!);
        ImportResult result;
        try
        {
            result = await run(services.GetRequiredService<ImportService>(), context, file, mode, caller.Actor, scope);
        }
        catch (ImportFileTooLargeException e)
        {
            return new ImportPayload(null, [new MutationError("FILE_TOO_LARGE", "file", e.Message)]);
        }
        await AuditAsync(services, context.FieldDefinition.Name, caller, kind, file, result);
        return new ImportPayload(result, []);
    }

    /// <summary>One audit entry per import run, accepted or not; the rows it wrote are audited by the table triggers (or set-based, see MerchantBulkWrite).</summary>
    private static async Task AuditAsync(IServiceProvider services, string mutation, HubCaller caller, string kind, Upload file, ImportResult result)
    {
        var summary = JsonSerializer.Serialize(new
        {
            file = file.FileName,
            bytes = file.Length,
            accepted = result.Accepted,
            batchId = result.BatchId,
            inserted = result.Inserted,
            updated = result.Updated,
            unchanged = result.Unchanged,
            rejected = result.Rejected,
            flagged = result.Flagged,
        });
        await using var command = services.GetRequiredService<NpgsqlDataSource>().CreateCommand("""
            INSERT INTO audit_log (actor, action, entity, entity_id, allowed, after)
            VALUES ($1, $2, $3, $4, true, $5::jsonb)
            """);
        command.Parameters.Add(new() { Value = caller.Actor });
        command.Parameters.Add(new() { Value = mutation });
        command.Parameters.Add(new() { Value = kind });
        command.Parameters.Add(new() { Value = (object?)result.BatchId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? DBNull.Value });
        command.Parameters.Add(new() { Value = summary });
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
