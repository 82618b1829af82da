using DtHub.Api.Features.Targets;

namespace DtHub.Api.Tests.Features.Targets;

public sealed class TargetsFileTests
{
    private static int? NoWards(string name) => null;

    [Fact]
    public void The_plans_targets_load_with_percentages_as_fractions()
    {
        var targets = TargetsFile.Read(Path.Combine(AppContext.BaseDirectory, "demo", "targets-from-plans.csv"), "Vũng Tàu", NoWards);

        Assert.Equal(19, targets.Count);
        var fibre = Assert.Single(targets, t => t.Indicator == "fiber_households");
        Assert.Equal((0.978m, TargetScope.City, new DateOnly(2025, 12, 31)), (fibre.Value, fibre.Scope, fibre.Deadline));
        Assert.Contains("65-70%", Assert.Single(targets, t => t.Indicator == "account_ownership_15plus" && t.Scope == TargetScope.City).Note);
    }

    [Fact]
    public void City_and_each_ward_gives_a_city_target_and_an_each_ward_target()
    {
        var targets = Parse("a,vi,en,city and each ward (Vũng Tàu),65,2022-12-31,004.txt,\n", NoWards);

        Assert.Equal([TargetScope.City, TargetScope.EachWard], targets.Select(t => t.Scope));
        Assert.All(targets, t => Assert.Equal(0.65m, t.Value));
    }

    [Theory]
    [InlineData("commune (Tam Phước)", TargetScope.OtherUnit, null)]
    [InlineData("commune (Long Sơn)", TargetScope.Ward, 17)]
    [InlineData("ward (Thắng Nhì)", TargetScope.Ward, 6)]
    [InlineData("each model street", TargetScope.EachModelStreet, null)]
    [InlineData("each ward (Vũng Tàu)", TargetScope.EachWard, null)]
    [InlineData("city (Bà Rịa)", TargetScope.OtherUnit, null)]
    public void Scope_text_maps_to_a_scope_and_ward(string scope, TargetScope expected, int? wardId)
    {
        int? Ward(string name) => name switch { "Xã Long Sơn" => 17, "Phường Thắng Nhì" => 6, _ => null };

        var target = Assert.Single(Parse($"a,vi,en,{scope},90,2023-12-31,002.txt,\n", Ward));

        Assert.Equal((expected, wardId, scope), (target.Scope, target.WardId, target.ScopeLabel));
    }

    [Theory]
    [InlineData("city (Vũng Tàu),65%,2022-12-31", "line 3: target_percent '65%'")]
    [InlineData("city (Vũng Tàu),650,2022-12-31", "line 3: target_percent '650'")]
    [InlineData("city (Vũng Tàu),65,31/12/2022", "line 3: deadline '31/12/2022'")]
    [InlineData("the province,65,2022-12-31", "line 3: scope 'the province'")]
    public void A_malformed_row_is_refused_naming_its_line_and_field(string cells, string expected)
    {
        var csv = $"a,vi,en,city (Vũng Tàu),65,2022-12-31,004.txt,\nb,vi,en,{cells},004.txt,\n";

        var error = Assert.Throws<InvalidDataException>(() => Parse(csv, NoWards));

        Assert.Contains($"targets.csv {expected}", error.Message);
    }

    private static List<Target> Parse(string rows, Func<string, int?> wards) => TargetsFile.Parse(
        "indicator,description_vi,description_en,scope,target_percent,deadline,source_file,note\n" + rows, "targets.csv", "Vũng Tàu", wards);
}
