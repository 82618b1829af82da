using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using DtHub.Api.Features.Demo;
using NetTopologySuite.Geometries;

namespace DtHub.Api.Tests.Features.Demo;

/// <summary>The generator on its own, in memory: no database needed.</summary>
public sealed class DemoGeneratorTests
{
    private static readonly Lazy<DemoDataset> Demo = new(() => DemoGenerator.Generate(DemoInputs.Load()));

    [Fact]
    public void The_same_seed_gives_the_same_rows_and_another_seed_does_not()
    {
        var inputs = DemoInputs.Load();
        var first = Digest(DemoGenerator.Generate(inputs, seed: 7));
        var again = Digest(DemoGenerator.Generate(inputs, seed: 7));
        var other = Digest(DemoGenerator.Generate(inputs, seed: 8));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Every_generated_QR_payload_ends_with_a_correct_CRC_16_CCITT_FALSE()
    {
        var payloads = Demo.Value.Merchants.Select(m => m.QrPayload).OfType<string>().ToList();
        Assert.True(payloads.Count > 100, $"only {payloads.Count} payloads");
        foreach (var payload in payloads)
        {
            var fields = ParseTlv(payload);
            Assert.Equal("01", fields[0].Value);
            Assert.Equal(("63", 4), (fields[^1].Tag, fields[^1].Value.Length));
            Assert.Contains(fields, f => f.Tag == "38" && f.Value.StartsWith("0010A000000727", StringComparison.Ordinal));
            var expected = Crc(payload[..^4]).ToString("X4", CultureInfo.InvariantCulture);
            Assert.True(expected == payload[^4..], $"{payload}: CRC should be {expected}");
        }
    }

    [Fact]
    public void The_CRC_matches_the_published_check_value()
    {
        // CRC-16/CCITT-FALSE("123456789") = 0x29B1 (the catalogue's check value).
        Assert.Equal(0x29B1, EmvQrPayload.Crc16CcittFalse("123456789"));
        Assert.Equal(0x29B1, Crc("123456789"));
    }

    [Fact]
    public void Merchant_names_in_QR_codes_are_plain_ASCII()
    {
        Assert.Equal("TAP HOA CO DIEM", EmvQrPayload.Ascii("Tạp hóa Cô Diễm", 25));
        Assert.Equal("DIEN MAY DONG A", EmvQrPayload.Ascii("Điện máy Đông Á", 25));
    }

    /// <summary>Written independently of the product's bitwise loop: a lookup table built from the polynomial.</summary>
    private static ushort Crc(string text)
    {
        var table = new ushort[256];
        for (var i = 0; i < 256; i++)
        {
            var value = (ushort)(i << 8);
            for (var bit = 0; bit < 8; bit++) value = (ushort)((value & 0x8000) != 0 ? (value << 1) ^ 0x1021 : value << 1);
            table[i] = value;
        }
        ushort crc = 0xFFFF;
        foreach (var b in Encoding.ASCII.GetBytes(text)) crc = (ushort)((crc << 8) ^ table[((crc >> 8) ^ b) & 0xFF]);
        return crc;
    }

    private static List<(string Tag, string Value)> ParseTlv(string payload)
    {
        var fields = new List<(string, string)>();
        for (var i = 0; i < payload.Length;)
        {
            var length = int.Parse(payload.AsSpan(i + 2, 2), CultureInfo.InvariantCulture);
            fields.Add((payload.Substring(i, 2), payload.Substring(i + 4, length)));
            i += 4 + length;
        }
        return fields;
    }

    /// <summary>SHA-256 over every property of every generated row, geometries as WKB.</summary>
    private static string Digest(DemoDataset data)
    {
        var text = new StringBuilder();
        void Append(object? value)
        {
            switch (value)
            {
                case null: text.Append('∅'); break;
                case Geometry g: text.Append(Convert.ToHexString(g.AsBinary())).Append('@').Append(g.SRID); break;
                case string s: text.Append(s); break;
                case byte[] bytes: text.Append(Convert.ToHexString(bytes)); break;
                case IDictionary dictionary:
                    foreach (DictionaryEntry entry in dictionary) { Append(entry.Key); text.Append('='); Append(entry.Value); }
                    break;
                case IEnumerable: break; // navigation collections: the rows are listed on their own
                case IFormattable formattable: text.Append(formattable.ToString(null, CultureInfo.InvariantCulture)); break;
                default: text.Append(value); break;
            }
            text.Append('|');
        }
        foreach (var list in typeof(DemoDataset).GetProperties().Select(p => p.GetValue(data)))
        {
            foreach (var row in list is IEnumerable rows and not string ? rows.Cast<object>() : [list!])
            {
                foreach (var property in row.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name, StringComparer.Ordinal))
                    Append(property.GetValue(row));
                text.Append('\n');
            }
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
