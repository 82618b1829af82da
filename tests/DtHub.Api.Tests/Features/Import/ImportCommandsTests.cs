using DtHub.Api.Features.Import;
using DtHub.Api.Tests.Infrastructure;

namespace DtHub.Api.Tests.Features.Import;

[Collection(DatabaseCollection.Name)]
public sealed class ImportCommandsTests(HubDatabase hub) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dthub-import-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_exit_code_is_zero_only_when_the_file_was_accepted()
    {
        await hub.UseEmptyAsync();
        await ImportTestData.SeedWardsAsync(hub);
        await using var services = ImportTestData.Services(hub);
        var good = Path.Combine(_folder, "t6.tsv");
        await File.WriteAllTextAsync(good, ImportTestData.June2022AsPublished);
        var bad = Path.Combine(_folder, "t6-bad.csv");
        await File.WriteAllTextAsync(bad, "Phường,Hộ,Nhân khẩu,Trên 15 tuổi,Có tài khoản\nPhường 99,1,2,3,4\n");

        Assert.Equal(2, await ImportCommands.RunAsync(services, ["ward-report", good]));
        Assert.Equal(2, await ImportCommands.RunAsync(services, ["ward-report", good, "--month", "2022-06", "--mode", "sometimes"]));
        Assert.Equal(1, await ImportCommands.RunAsync(services, ["ward-report", bad, "--month", "2022-06"]));
        Assert.Equal(0, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM ward_reports"));
        Assert.Equal(0, await ImportCommands.RunAsync(services, ["ward-report", good, "--month", "2022-06"]));
        Assert.Equal(0, await ImportCommands.RunAsync(services, ["ward-report", good, "--month", "2022-06"]));
        Assert.Equal(17, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM ward_reports"));
    }
}
