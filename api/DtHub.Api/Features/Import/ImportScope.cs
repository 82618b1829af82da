namespace DtHub.Api.Features.Import;

/// <summary>
/// Limits an import to one ward: what a ward officer may bring in. Rows that fall in (or name) another ward are
/// rejected as row errors naming that ward; the import mode then decides whether the rest is stored. No scope
/// (the CLI, which runs with the database's credentials, and admins) means every ward.
/// </summary>
/// <param name="WardCode">The officer's ward (the code in their token's ward claim).</param>
public sealed record ImportScope(string WardCode)
{
    public string Refusal(string otherWard) =>
        $"lies in ward {otherWard}; a ward officer of {WardCode} imports only rows of that ward";
}
