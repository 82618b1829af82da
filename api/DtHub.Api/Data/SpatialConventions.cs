using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace DtHub.Api.Data;

/// <summary>Every geometry column is typed with SRID 4326 and gets a GiST index.</summary>
public static class SpatialConventions
{
    public const int Srid = 4326;

    public static void ApplySpatialConventions(this ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties().Where(p => typeof(Geometry).IsAssignableFrom(p.ClrType)))
            {
                var postgisType = property.ClrType.Name switch
                {
                    nameof(Geometry) => "Geometry",
                    var name => name,
                };
                property.SetColumnType($"geometry({postgisType},{Srid})");
                var index = entity.AddIndex(property);
                index.SetMethod("gist");
            }
        }
    }
}
