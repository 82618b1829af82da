using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace DtHub.Api.Data;

/// <summary>
/// SQL functions of the hub (migration <c>SpatialSqlFunctions</c>) usable in LINQ. Each is a one-line SQL function
/// the planner inlines, so predicates on <c>column::geography</c> still use the geography GiST indexes.
/// All distances are metres on the WGS 84 spheroid.
/// </summary>
public static class HubSql
{
    /// <summary>True when a and b are within the distance in metres (ST_DWithin on geography).</summary>
    public static bool DWithinMeters(Geometry a, Geometry b, double meters) => throw Unsupported();

    /// <summary>The geometry grown by metres (ST_Buffer on geography), back in SRID 4326.</summary>
    public static Geometry BufferMeters(Geometry g, double meters) => throw Unsupported();

    /// <summary>Distance in metres (ST_Distance on geography).</summary>
    public static double DistanceMeters(Geometry a, Geometry b) => throw Unsupported();

    /// <summary>The KNN operator (<c>&lt;-&gt;</c>) on geography: order by it to walk the index nearest first.</summary>
    public static double NearestMeters(Geometry a, Geometry b) => throw Unsupported();

    /// <summary>True when the bounding boxes of a and b overlap (<c>&amp;&amp;</c>); for a point and a box, exactly "inside".</summary>
    public static bool BoxOverlaps(Geometry a, Geometry b) => throw Unsupported();

    /// <summary>ST_SimplifyPreserveTopology: fewer vertices within a tolerance in degrees, rings kept valid.</summary>
    public static Geometry SimplifyPreserveTopology(Geometry g, double tolerance) => throw Unsupported();

    /// <summary>Lower case without diacritics ("Thắng Nhì" → "thang nhi"), as PostgreSQL's unaccent folds it.</summary>
    public static string Fold(string text) => throw Unsupported();

    private static InvalidOperationException Unsupported() => new("Only for use in LINQ queries translated to SQL.");

    internal static void MapHubFunctions(this ModelBuilder modelBuilder)
    {
        modelBuilder.HasDbFunction(typeof(HubSql).GetMethod(nameof(DWithinMeters))!).HasName("hub_dwithin_m");
        modelBuilder.HasDbFunction(typeof(HubSql).GetMethod(nameof(BufferMeters))!).HasName("hub_buffer_m");
        modelBuilder.HasDbFunction(typeof(HubSql).GetMethod(nameof(DistanceMeters))!).HasName("hub_distance_m");
        modelBuilder.HasDbFunction(typeof(HubSql).GetMethod(nameof(NearestMeters))!).HasName("hub_knn_m");
        modelBuilder.HasDbFunction(typeof(HubSql).GetMethod(nameof(Fold))!).HasName("hub_fold");
        modelBuilder.HasDbFunction(typeof(HubSql).GetMethod(nameof(BoxOverlaps))!).HasName("hub_box_overlaps");
        modelBuilder.HasDbFunction(typeof(HubSql).GetMethod(nameof(SimplifyPreserveTopology))!).HasName("st_simplifypreservetopology").IsBuiltIn();
    }
}
