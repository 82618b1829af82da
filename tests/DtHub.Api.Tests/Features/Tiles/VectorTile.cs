using System.Text;

namespace DtHub.Api.Tests.Features.Tiles;

/// <summary>
/// A minimal Mapbox Vector Tile reader (protobuf wire format, spec 2.1) so tests can look inside a tile
/// without a GIS toolchain: layers, feature ids, geometry type and attributes.
/// </summary>
internal sealed record VectorTile(IReadOnlyList<VectorTile.Layer> Layers)
{
    public sealed record Layer(string Name, int Extent, IReadOnlyList<Feature> Features);

    public sealed record Feature(ulong Id, int GeometryType, IReadOnlyDictionary<string, object> Attributes);

    public static VectorTile Decode(byte[] bytes)
    {
        var layers = new List<Layer>();
        foreach (var (field, value) in Fields(bytes))
            if (field == 3) layers.Add(DecodeLayer((byte[])value));
        return new VectorTile(layers);
    }

    private static Layer DecodeLayer(byte[] bytes)
    {
        string name = "";
        var extent = 4096;
        var keys = new List<string>();
        var values = new List<object>();
        var rawFeatures = new List<byte[]>();
        foreach (var (field, value) in Fields(bytes))
        {
            switch (field)
            {
                case 1: name = Encoding.UTF8.GetString((byte[])value); break;
                case 2: rawFeatures.Add((byte[])value); break;
                case 3: keys.Add(Encoding.UTF8.GetString((byte[])value)); break;
                case 4: values.Add(DecodeValue((byte[])value)); break;
                case 5: extent = (int)(ulong)value; break;
            }
        }
        var features = rawFeatures.Select(raw =>
        {
            ulong id = 0;
            var type = 0;
            var attributes = new Dictionary<string, object>();
            foreach (var (field, value) in Fields(raw))
            {
                if (field == 1) id = (ulong)value;
                else if (field == 3) type = (int)(ulong)value;
                else if (field == 2)
                {
                    var tags = Varints((byte[])value).ToList();
                    for (var i = 0; i + 1 < tags.Count; i += 2) attributes[keys[(int)tags[i]]] = values[(int)tags[i + 1]];
                }
            }
            return new Feature(id, type, attributes);
        }).ToList();
        return new Layer(name, extent, features);
    }

    private static object DecodeValue(byte[] bytes)
    {
        foreach (var (field, value) in Fields(bytes))
        {
            return field switch
            {
                1 => Encoding.UTF8.GetString((byte[])value),
                2 => (double)BitConverter.ToSingle((byte[])value),
                3 => BitConverter.ToDouble((byte[])value),
                4 => (long)(ulong)value,
                5 => (long)(ulong)value,
                6 => (long)((ulong)value >> 1) ^ -((long)(ulong)value & 1),
                7 => (ulong)value != 0,
                _ => throw new InvalidDataException($"Unknown value field {field}"),
            };
        }
        throw new InvalidDataException("Empty value");
    }

    /// <summary>Top-level fields of a message: varints as ulong, length-delimited and fixed as byte[].</summary>
    private static IEnumerable<(int Field, object Value)> Fields(byte[] bytes)
    {
        var pos = 0;
        while (pos < bytes.Length)
        {
            var key = ReadVarint(bytes, ref pos);
            var field = (int)(key >> 3);
            switch (key & 7)
            {
                case 0: yield return (field, ReadVarint(bytes, ref pos)); break;
                case 1: yield return (field, bytes[pos..(pos + 8)]); pos += 8; break;
                case 2:
                    var length = (int)ReadVarint(bytes, ref pos);
                    yield return (field, bytes[pos..(pos + length)]);
                    pos += length;
                    break;
                case 5: yield return (field, bytes[pos..(pos + 4)]); pos += 4; break;
                default: throw new InvalidDataException($"Unsupported wire type {key & 7}");
            }
        }
    }

    private static IEnumerable<ulong> Varints(byte[] bytes)
    {
        var pos = 0;
        while (pos < bytes.Length) yield return ReadVarint(bytes, ref pos);
    }

    private static ulong ReadVarint(byte[] bytes, ref int pos)
    {
        ulong result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[pos++];
            result |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0) return result;
        }
    }
}
