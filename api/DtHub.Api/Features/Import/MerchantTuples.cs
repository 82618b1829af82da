using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace DtHub.Api.Features.Import;

/// <summary>A merchant's name and point as a 128-bit digest, for finding the same merchant twice in one file without keeping its name.</summary>
/// <remarks>Two independent 64-bit hashes of the name's UTF-8 bytes, each mixed with both coordinates: a false match
/// needs 128 bits to collide (about 10⁻²⁷ for a million rows).</remarks>
internal readonly record struct NameAtPoint(ulong High, ulong Low)
{
    public static NameAtPoint Of(ReadOnlySpan<byte> utf8Name, double lon, double lat)
    {
        ulong fnv = 14695981039346656037UL, mix = 0x9E3779B97F4A7C15UL ^ (ulong)utf8Name.Length;
        foreach (var b in utf8Name)
        {
            fnv = (fnv ^ b) * 1099511628211UL;
            mix = ulong.RotateLeft((mix ^ b) * 0xC2B2AE3D27D4EB4FUL, 29);
        }
        var (x, y) = ((ulong)BitConverter.DoubleToInt64Bits(lon), (ulong)BitConverter.DoubleToInt64Bits(lat));
        return new NameAtPoint(Avalanche(fnv ^ Avalanche(x ^ Avalanche(y))), Avalanche(mix ^ Avalanche(y ^ Avalanche(x + 0x9E3779B97F4A7C15UL))));
    }

    // The 64-bit finaliser of MurmurHash3: every input bit flips about half the output bits.
    private static ulong Avalanche(ulong h)
    {
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        return h ^ (h >> 33);
    }
}

/// <summary>
/// The merchants seen so far in a file: an open-addressing table of <see cref="NameAtPoint"/> digests, 16 bytes a
/// slot in one array (a lookup touches one cache line, and the collector has nothing to trace).
/// </summary>
internal sealed class SeenMerchants(int expected)
{
    private ulong[] _slots = new ulong[2 * Capacity(expected)];
    private int _count;

    private static int Capacity(int expected) => (int)Math.Max(1024, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, expected) * 2));

    /// <summary>True when the merchant is new to the file (and now seen).</summary>
    public bool Add(NameAtPoint key)
    {
        if (2 * (_count + 1) > _slots.Length / 2) Grow();
        // High | 1 keeps every stored key non-zero, so zero marks an empty slot.
        if (!Insert(_slots, key.High | 1, key.Low)) return false;
        _count++;
        return true;
    }

    private static bool Insert(ulong[] slots, ulong high, ulong low)
    {
        var mask = slots.Length / 2 - 1;
        for (var i = (int)(low & (ulong)mask); ; i = (i + 1) & mask)
        {
            if (slots[2 * i] == 0) { (slots[2 * i], slots[2 * i + 1]) = (high, low); return true; }
            if (slots[2 * i] == high && slots[2 * i + 1] == low) return false;
        }
    }

    private void Grow()
    {
        var bigger = new ulong[_slots.Length * 2];
        for (var i = 0; i < _slots.Length; i += 2)
            if (_slots[i] != 0) Insert(bigger, _slots[i], _slots[i + 1]);
        _slots = bigger;
    }
}

/// <summary>One valid row inside a <see cref="MerchantTuples"/> buffer.</summary>
internal readonly record struct MerchantTuple(int Row, int Start, int Length, NameAtPoint Key);

/// <summary>
/// The valid rows of one chunk, already encoded as PostgreSQL binary COPY tuples for <c>merchant_staging</c>
/// (row_no, name, category, lon, lat, address, qr_payload, qr_provider, accepts_qr, has_transactions, website,
/// has_e_invoice, ward_id, neighborhood_id, location): the validators encode in parallel, the COPY only streams bytes.
/// The buffer comes from the shared pool; <see cref="Dispose"/> gives it back.
/// </summary>
internal sealed class MerchantTuples : IDisposable
{
    public const short Columns = 15;
    private byte[] _buffer;
    private int _length;
    private int _rowStart;

    public MerchantTuples(int capacity) => _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 1024));

    public List<MerchantTuple> Rows { get; } = [];

    public ReadOnlyMemory<byte> Bytes(int start, int length) => _buffer.AsMemory(start, length);

    /// <summary>Starts a tuple (field count and row number); <see cref="EndRow"/> records it once every field is written.</summary>
    public void StartRow(int row)
    {
        _rowStart = _length;
        WriteInt16(Columns);
        WriteInt32(row);
    }

    public void EndRow(int row, NameAtPoint key) => Rows.Add(new MerchantTuple(row, _rowStart, _length - _rowStart, key));

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(Field(4), value);
    }

    public void WriteNullableInt32(int? value)
    {
        if (value is { } v) WriteInt32(v);
        else WriteNull();
    }

    public void WriteDouble(double value) => BinaryPrimitives.WriteDoubleBigEndian(Field(8), value);

    /// <summary>A point as EWKB with SRID 4326, the geometry's binary input: the match then compares stored and staged points whole.</summary>
    public void WritePoint(double lon, double lat)
    {
        var ewkb = Field(25);
        ewkb[0] = 1; // little-endian
        BinaryPrimitives.WriteUInt32LittleEndian(ewkb[1..], 0x20000001); // point, with SRID
        BinaryPrimitives.WriteInt32LittleEndian(ewkb[5..], 4326);
        BinaryPrimitives.WriteDoubleLittleEndian(ewkb[9..], lon);
        BinaryPrimitives.WriteDoubleLittleEndian(ewkb[17..], lat);
    }

    public void WriteBool(bool value) => Field(1)[0] = value ? (byte)1 : (byte)0;

    public void WriteNull()
    {
        Ensure(4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), -1);
        _length += 4;
    }

    /// <summary>Text already in UTF-8 (checked valid by the caller); null writes SQL NULL.</summary>
    public void WriteText(ReadOnlySpan<byte> utf8) => utf8.CopyTo(Field(utf8.Length));

    public void WriteText(string? text)
    {
        if (text is null) { WriteNull(); return; }
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        Ensure(4 + max);
        var written = Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length + 4));
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), written);
        _length += 4 + written;
    }

    private void WriteInt16(short value)
    {
        Ensure(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), value);
        _length += 2;
    }

    /// <summary>Writes a field's length word and returns the span for its value.</summary>
    private Span<byte> Field(int size)
    {
        Ensure(4 + size);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), size);
        var value = _buffer.AsSpan(_length + 4, size);
        _length += 4 + size;
        return value;
    }

    private void Ensure(int more)
    {
        if (_length + more <= _buffer.Length) return;
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + more));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    public void Dispose()
    {
        if (_buffer.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    /// <summary>The binary COPY signature, flags and (empty) header extension.</summary>
    public static ReadOnlySpan<byte> Header => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>The file trailer: a tuple field count of -1.</summary>
    public static ReadOnlySpan<byte> Trailer => [0xFF, 0xFF];
}
