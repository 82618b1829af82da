using DtHub.Api.Features.Demo;
using NetTopologySuite.Geometries;

namespace DtHub.Api.Tests.Features.Demo;

/// <summary>The demo's inputs and ward shapes: bad input is refused with the row, field or ward named.</summary>
public sealed class DemoInputsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dthub-demo-inputs-").FullName;
    private static readonly GeometryFactory Geo = new(new PrecisionModel(), 4326);

    public DemoInputsTests()
    {
        foreach (var file in Directory.GetFiles(DemoInputs.DefaultDirectory)) File.Copy(file, Path.Combine(_directory, Path.GetFileName(file)));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_shipped_inputs_hold_17_wards_with_a_seed_point_each()
    {
        var inputs = DemoInputs.Load(_directory);

        Assert.Equal(17, inputs.Wards.Count);
        Assert.Equal(17, inputs.SeedPoints.Count);
        Assert.Equal(2, inputs.CityOutline.NumGeometries);
        Assert.Equal(inputs.ContentHash, DemoInputs.Load().ContentHash);
    }

    [Fact]
    public void A_ward_without_a_seed_point_is_refused_by_name()
    {
        Edit(DemoInputs.GeometryFile, "\"Phường Thắng Nhì\"", "\"Phường Thắng Nhi\"");

        var error = Assert.Throws<InvalidDataException>(() => DemoInputs.Load(_directory));

        Assert.Contains("no ward_seed_point for 'Phường Thắng Nhì'", error.Message);
    }

    [Fact]
    public void A_figure_that_is_not_a_number_is_refused_with_its_line_and_column()
    {
        Edit(DemoInputs.WardFiguresFile, "Phường 9,phuong,3495,12784", "Phường 9,phuong,3495,12.784");

        var error = Assert.Throws<InvalidDataException>(() => DemoInputs.Load(_directory));

        Assert.Contains("line 10: population '12.784'", error.Message);
    }

    [Fact]
    public void Changing_an_input_changes_the_content_hash()
    {
        var before = DemoInputs.Load(_directory).ContentHash;
        Edit(DemoInputs.TargetsFile, "97.8", "98");

        Assert.NotEqual(before, DemoInputs.Load(_directory).ContentHash);
    }

    [Fact]
    public void Each_part_of_the_outline_is_shared_only_among_its_own_seed_points()
    {
        // A mainland with two wards and an island with one; the island's south-west corner is nearer a mainland
        // seed, but it must stay with the island's ward rather than become a stray piece across the water.
        var mainland = Square(107.00, 10.00, 0.02, 0.01);
        var island = Square(107.00, 10.012, 0.01, 0.01);
        var outline = Geo.CreateMultiPolygon([mainland, island]);
        var seeds = new List<(string, Point)>
        {
            ("West", Geo.CreatePoint(new Coordinate(107.005, 10.005))),
            ("East", Geo.CreatePoint(new Coordinate(107.015, 10.005))),
            ("Island", Geo.CreatePoint(new Coordinate(107.009, 10.021))),
        };

        var wards = WardGeometryBuilder.Build(outline, seeds);

        Assert.Equal(island.Area, wards[2].Area, 12);
        Assert.All(wards, w => Assert.Equal(1, w.NumGeometries));
        Assert.Equal(outline.Area, wards.Sum(w => w.Area), 12);
    }

    [Fact]
    public void A_seed_point_outside_the_outline_is_refused_by_name()
    {
        var outline = Geo.CreateMultiPolygon([Square(107.00, 10.00, 0.02, 0.01)]);
        var seeds = new List<(string, Point)>
        {
            ("Inside", Geo.CreatePoint(new Coordinate(107.005, 10.005))),
            ("Offshore", Geo.CreatePoint(new Coordinate(107.05, 10.005))),
        };

        var error = Assert.Throws<InvalidOperationException>(() => WardGeometryBuilder.Build(outline, seeds));

        Assert.Contains("Offshore", error.Message);
    }

    private void Edit(string file, string from, string to)
    {
        var path = Path.Combine(_directory, file);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    private static Polygon Square(double west, double south, double width, double height) => Geo.CreatePolygon([
        new(west, south), new(west + width, south), new(west + width, south + height), new(west, south + height), new(west, south)]);
}
