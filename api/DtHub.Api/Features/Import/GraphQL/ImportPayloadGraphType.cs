using DtHub.Api.GraphQL.Mutations;
using GraphQL.Types;

namespace DtHub.Api.Features.Import.GraphQL;

/// <summary>What an upload mutation answers: the import's summary, or why the caller may not import at all.</summary>
public sealed record ImportPayload(ImportResult? Result, IReadOnlyList<MutationError> Errors);

public sealed class ImportModeGraphType : EnumerationGraphType<ImportMode>
{
    public ImportModeGraphType()
    {
        Name = "ImportMode";
        Description = "Whether one bad row stops the whole file (ALL_OR_NOTHING) or only itself (ACCEPT_VALID_ROWS).";
    }
}

public sealed class ImportRowIssueGraphType : ObjectGraphType<RowIssue>
{
    public ImportRowIssueGraphType()
    {
        Name = "ImportRowIssue";
        Description = "A rejected or flagged row: where, which field, why.";
        Field(i => i.Row).Description("Row as a spreadsheet shows it (feature position + 1 for GeoJSON); 0 for the file itself.");
        Field(i => i.Field, nullable: true).Description("The column or property at fault, when one is.");
        Field(i => i.Reason).Description("What is wrong and, where we can tell, how to fix it.");
    }
}

public sealed class ImportPayloadGraphType : ObjectGraphType<ImportPayload>
{
    public ImportPayloadGraphType()
    {
        Name = "ImportPayload";
        Description = "Result of an upload: the summary (inserted / updated / unchanged / rejected / flagged) with every row error, or the errors that kept the file out.";
        Field<NonNullGraphType<BooleanGraphType>>("accepted").Description("True when the file was taken (some rows may be rejected in ACCEPT_VALID_ROWS mode).").Resolve(c => c.Source.Result?.Accepted ?? false);
        Field<IdGraphType>("batchId").Description("The import batch that keeps the file; null when nothing was written.").Resolve(c => c.Source.Result?.BatchId);
        Field<NonNullGraphType<BooleanGraphType>>("alreadyImported").Description("The same file was imported before; nothing changed.").Resolve(c => c.Source.Result?.AlreadyImported ?? false);
        Field<NonNullGraphType<ImportModeGraphType>>("mode").Description("The mode the file was imported in.").Resolve(c => c.Source.Result?.Mode ?? ImportMode.AllOrNothing);
        Field<NonNullGraphType<IntGraphType>>("inserted").Resolve(c => c.Source.Result?.Inserted ?? 0);
        Field<NonNullGraphType<IntGraphType>>("updated").Resolve(c => c.Source.Result?.Updated ?? 0);
        Field<NonNullGraphType<IntGraphType>>("unchanged").Resolve(c => c.Source.Result?.Unchanged ?? 0);
        Field<NonNullGraphType<IntGraphType>>("rejected").Description("Rows rejected (see rowErrors).").Resolve(c => c.Source.Result?.Rejected ?? 0);
        Field<NonNullGraphType<IntGraphType>>("flagged").Description("Rows stored with data-quality flags.").Resolve(c => c.Source.Result?.Flagged ?? 0);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ImportRowIssueGraphType>>>>("rowErrors").Description("Every rejected row, in row order.").Resolve(c => c.Source.Result?.Errors ?? []);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ImportRowIssueGraphType>>>>("warnings").Description("Stored, but worth a look: flags, repairs, totals that disagree.").Resolve(c => c.Source.Result?.Warnings ?? []);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MutationErrorGraphType>>>>("errors").Description("Why the file was not imported at all (FORBIDDEN, FILE_TOO_LARGE, REQUIRED).").Resolve(c => c.Source.Errors);
    }
}
