using System.Text.Json;
using DtHub.Api.Tests.Infrastructure;

namespace DtHub.Api.Tests.Features.Choropleth;

/// <summary><c>choropleth</c>: one value per current ward code, read from the aggregates, in one answer.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class ChoroplethTests(HubDatabase hub)
{
    [Fact]
    public async Task Month_asked_gives_each_current_ward_with_a_figure_by_code()
    {
        await SeedAsync();

        var answer = await ChoroplethAsync("indicator: ACCOUNT_OWNERSHIP, month: \"2022-06\"");

        Assert.Equal("2022-06", answer.GetProperty("month").GetString());
        Assert.Equal("ACCOUNT_OWNERSHIP", answer.GetProperty("indicator").GetString());
        // 26509 has no report for June; the merged-away 26500 is not on the map even though it has a figure.
        Assert.Equal(new Dictionary<string, double> { ["26506"] = 0.887 }, Values(answer));
    }

    [Fact]
    public async Task Without_a_month_the_latest_month_with_city_figures_is_answered()
    {
        await SeedAsync();

        var answer = await ChoroplethAsync("");

        Assert.Equal("2022-07", answer.GetProperty("month").GetString());
        Assert.Equal(new Dictionary<string, double> { ["26506"] = 0.9, ["26509"] = 0.123457 }, Values(answer));
    }

    [Fact]
    public async Task Current_indicators_come_from_the_current_aggregates()
    {
        await SeedAsync();

        var answer = await ChoroplethAsync("indicator: QR_ADOPTION, month: \"2022-06\"");

        Assert.Equal(new Dictionary<string, double> { ["26506"] = 0.25 }, Values(answer));
    }

    [Fact]
    public async Task Before_the_first_refresh_the_month_is_null_and_no_ward_has_a_value()
    {
        await hub.UseEmptyAsync();
        await InsertWardsAsync();

        var answer = await ChoroplethAsync("");

        Assert.Equal(JsonValueKind.Null, answer.GetProperty("month").ValueKind);
        Assert.Equal(0, answer.GetProperty("wards").GetArrayLength());
    }

    [Fact]
    public async Task A_month_that_is_not_a_month_is_refused_with_the_reason()
    {
        await hub.UseEmptyAsync();

        var response = await hub.Api.ExecuteAsync("{ choropleth(month: \"2022-13\") { month } }");

        var message = response.GetProperty("errors")[0].GetProperty("message").GetString();
        Assert.Contains("2022-13", message);
    }

    private async Task<JsonElement> ChoroplethAsync(string arguments)
    {
        var args = arguments.Length == 0 ? "" : $"({arguments})";
        var response = await hub.Api.ExecuteAsync($"{{ choropleth{args} {{ month indicator wards {{ code value }} }} }}");
        Assert.False(response.TryGetProperty("errors", out var errors), errors.ToString());
        return response.GetProperty("data").GetProperty("choropleth");
    }

    private static Dictionary<string, double> Values(JsonElement answer) =>
        answer.GetProperty("wards").EnumerateArray().ToDictionary(w => w.GetProperty("code").GetString()!, w => w.GetProperty("value").GetDouble());

    private async Task SeedAsync()
    {
        await hub.UseEmptyAsync();
        await InsertWardsAsync();
        // Aggregate rows as a refresh writes them; the rate of 26509 in July has more than six decimals.
        await using var cmd = hub.DataSource.CreateCommand("""
            INSERT INTO agg_ward_month (ward_id, month, holders, residents15plus, rate, target, gap, reports, rolled_up_from)
            VALUES (1, '2022-06-01', 887, 1000, 0.887, 0.65, 0.237, 1, '{}'),
                   (1, '2022-07-01', 900, 1000, 0.9, 0.65, 0.25, 1, '{}'),
                   (2, '2022-07-01', 10, 81, 0.123456790123, 0.65, -0.5265, 1, '{}'),
                   (3, '2022-06-01', 500, 1000, 0.5, 0.65, -0.15, 1, '{}');
            INSERT INTO agg_city_month (month, holders, residents15plus, rate, target, gap, reports)
            VALUES ('2022-06-01', 1387, 2000, 0.6935, 0.65, 0.0435, 2), ('2022-07-01', 910, 1081, 0.8418, 0.65, 0.1918, 2);
            INSERT INTO agg_ward_current (ward_id, merchants, merchants_with_qr, merchants_active_qr, market_traders, market_traders_with_qr,
                                          market_traders_active_qr, area_m2, wifi_covered_m2, estimated_residents, wifi_covered_residents,
                                          neighborhoods, neighborhoods_with_team, teams, model_streets, model_streets_compliant)
            VALUES (1, 8, 2, 1, 0, 0, 0, 1e6, 0, 1000, 0, 2, 1, 1, 0, 0),
                   (2, 0, 0, 0, 0, 0, 0, 1e6, 0, 1000, 0, 0, 0, 0, 0, 0);
            """);
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task InsertWardsAsync()
    {
        await using var cmd = hub.DataSource.CreateCommand("""
            INSERT INTO wards (id, code, name, kind, geometry, label_point, valid_from, valid_to, is_synthetic, updated_at)
            VALUES (1, '26506', 'Phường 1', 'Phuong', ST_Multi(ST_MakeEnvelope(107.080, 10.342, 107.089, 10.350, 4326)),
                    ST_SetSRID(ST_MakePoint(107.0845, 10.346), 4326), '2000-01-01', NULL, true, now()),
                   (2, '26509', 'Phường 2', 'Phuong', ST_Multi(ST_MakeEnvelope(107.089, 10.342, 107.098, 10.350, 4326)),
                    ST_SetSRID(ST_MakePoint(107.0935, 10.346), 4326), '2000-01-01', NULL, true, now()),
                   (3, '26500', 'Phường Cũ', 'Phuong', ST_Multi(ST_MakeEnvelope(107.070, 10.342, 107.079, 10.350, 4326)),
                    ST_SetSRID(ST_MakePoint(107.0745, 10.346), 4326), '2000-01-01', '2023-01-01', true, now());
            """);
        await cmd.ExecuteNonQueryAsync();
    }
}
