using System.Globalization;
using System.Text;
using DtHub.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace DtHub.Api.Features.Auth;

/// <summary>
/// <c>dthub token --role ROLE [--ward CODE|NAME] [--subject NAME]</c>: prints a token of the development issuer
/// on stdout (nothing else, so <c>TOKEN=$(./dthub token --role admin)</c> works). A ward given by name is
/// looked up in the database and written into the token as its code.
/// </summary>
public static class TokenCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        string? role = null, ward = null, subject = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--role": role = value; i++; break;
                case "--ward": ward = value; i++; break;
                case "--subject": subject = value; i++; break;
                default:
                    await Console.Error.WriteLineAsync($"token: unknown argument '{args[i]}'. Usage: token --role {string.Join('|', HubRoles.All)} [--ward CODE|NAME] [--subject NAME]");
                    return 2;
            }
        }
        if (role is null || !HubRoles.All.Contains(role))
        {
            await Console.Error.WriteLineAsync($"token: --role must be one of {string.Join(", ", HubRoles.All)}.");
            return 2;
        }
        if (role == HubRoles.WardOfficer && ward is null)
        {
            await Console.Error.WriteLineAsync("token: a ward_officer token needs --ward (a ward code or name).");
            return 2;
        }

        var options = new AuthOptions();
        services.GetRequiredService<IConfiguration>().GetSection(AuthOptions.Section).Bind(options);
        if (!options.HasDevelopmentIssuer)
        {
            await Console.Error.WriteLineAsync("token: Auth:SigningKey is not set, so the development issuer is off. Run with DOTNET_ENVIRONMENT=Development or set it in user secrets.");
            return 1;
        }

        string? wardCode = null;
        if (ward is not null)
        {
            wardCode = await ResolveWardAsync(services, ward);
            if (wardCode is null) return 1;
        }
        subject ??= $"demo-{role.Replace('_', '-')}{(wardCode is null ? "" : "-" + wardCode)}";
        Console.WriteLine(new DevTokenIssuer(options).Issue(subject, role, wardCode));
        await Console.Error.WriteLineAsync($"token for {subject} ({role}{(wardCode is null ? "" : ", ward " + wardCode)}), valid {options.DevTokenLifetime.TotalHours.ToString(CultureInfo.InvariantCulture)} h");
        return 0;
    }

    private static async Task<string?> ResolveWardAsync(IServiceProvider services, string ward)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<HubDbContext>>().CreateDbContextAsync();
        var wards = await db.Wards.Select(w => new { w.Code, w.Name }).ToListAsync();
        var wanted = Fold(ward);
        var matches = wards.Where(w => Fold(w.Code) == wanted).ToList();
        if (matches.Count == 0) matches = wards.Where(w => Fold(w.Name) == wanted).ToList();
        if (matches.Count == 0) matches = wards.Where(w => Fold(w.Name).EndsWith(" " + wanted, StringComparison.Ordinal)).ToList();
        if (matches.Count == 1) return matches[0].Code;
        await Console.Error.WriteLineAsync(matches.Count == 0
            ? $"token: no ward has the code or name '{ward}'."
            : $"token: '{ward}' matches several wards ({string.Join(", ", matches.Select(m => $"{m.Code} {m.Name}"))}); give the code.");
        return null;
    }

    /// <summary>Case- and accent-insensitive form, so "thang nhi" finds "Phường Thắng Nhì".</summary>
    private static string Fold(string text)
    {
        var decomposed = text.Trim().ToLowerInvariant().Replace('đ', 'd').Normalize(NormalizationForm.FormD);
        return new string(decomposed.Where(ch => CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark).ToArray());
    }
}
