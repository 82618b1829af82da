using DtHub.Api.Data;
using DtHub.Api.Features.Auth;
using DtHub.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace DtHub.Api.Tests.Features.Auth;

/// <summary><c>dthub token</c>: a ward given by name ends up in the token as its code.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class TokenCommandTests(HubDatabase hub)
{
    [Theory]
    [InlineData("thang nhi", 0, "W01")]
    [InlineData("E01", 0, "E01")]
    [InlineData("Vũng Tàu", 1, null)]
    public async Task Ward_officer_token_carries_the_ward_code(string ward, int exitCode, string? code)
    {
        await AccessWorld.SeedAsync(hub);
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Auth:SigningKey"] = "a-test-signing-key-of-at-least-thirty-two-bytes",
            }).Build())
            .AddPooledDbContextFactory<HubDbContext>(o => DataModule.ConfigureContext(o, hub.DataSource))
            .BuildServiceProvider();
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        int result;
        try
        {
            result = await TokenCommand.RunAsync(services, ["--role", "ward_officer", "--ward", ward]);
        }
        finally
        {
            Console.SetOut(original);
        }
        Assert.Equal(exitCode, result);
        if (code is not null) Assert.Equal(code, new JsonWebToken(output.ToString().Trim()).GetClaim("ward").Value);
    }
}
