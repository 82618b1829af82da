using System.Buffers;
using System.Text;
using CsvHelper;

namespace DtHub.Api.Features.Import;

/// <summary>
/// Up to <see cref="MaxRows"/> CSV records as the parser read them: every cell's UTF-8 bytes in one pooled buffer,
/// no string per cell. The validators read the cells as spans (<see cref="MerchantPlainRow"/>) and make a
/// <see cref="TableRow"/> of strings only for a row that needs the general path.
/// </summary>
internal sealed class MerchantCsvChunk : IDisposable
{
    public const int MaxRows = 8_192;

    private byte[] _data = ArrayPool<byte>.Shared.Rent(1 << 20);
    private int _dataLength;
    private int[] _cellStart = ArrayPool<int>.Shared.Rent(MaxRows * 8);
    private int[] _cellLength = ArrayPool<int>.Shared.Rent(MaxRows * 8);
    private int _cells;
    private readonly int[] _rowFirstCell = new int[MaxRows + 1];
    private readonly int[] _rowNumber = new int[MaxRows];

    public int Count { get; private set; }

    public bool IsFull => Count == MaxRows;

    public int RowNumber(int row) => _rowNumber[row];

    public int CellCount(int row) => _rowFirstCell[row + 1] - _rowFirstCell[row];

    /// <summary>The cell's bytes (quotes already removed); empty for a cell the record does not have.</summary>
    public ReadOnlySpan<byte> Cell(int row, int column)
    {
        if (column < 0 || column >= CellCount(row)) return default;
        var cell = _rowFirstCell[row] + column;
        return _data.AsSpan(_cellStart[cell], _cellLength[cell]);
    }

    /// <summary>Copies the reader's current record in.</summary>
    public void Add(CsvReader csv)
    {
        var fields = csv.FieldCount;
        if (_cells + fields > _cellStart.Length)
        {
            Grow(ref _cellStart, Math.Max(_cellStart.Length * 2, _cells + fields));
            Grow(ref _cellLength, _cellStart.Length);
        }
        for (var i = 0; i < fields; i++)
        {
            var value = csv.GetSpan(i);
            if (_dataLength + value.Length > _data.Length) Grow(ref _data, Math.Max(_data.Length * 2, _dataLength + value.Length));
            value.CopyTo(_data.AsSpan(_dataLength));
            _cellStart[_cells] = _dataLength;
            _cellLength[_cells] = value.Length;
            _dataLength += value.Length;
            _cells++;
        }
        _rowNumber[Count] = (int)csv.RowNumber;
        _rowFirstCell[++Count] = _cells;
    }

    /// <summary>The row as strings, as <see cref="TabularFile"/> gives it, for the general path.</summary>
    public TableRow ToTableRow(int row)
    {
        var cells = new string?[CellCount(row)];
        for (var c = 0; c < cells.Length; c++) cells[c] = Encoding.UTF8.GetString(Cell(row, c));
        return new TableRow(_rowNumber[row], cells);
    }

    private static void Grow<T>(ref T[] array, int size)
    {
        var bigger = ArrayPool<T>.Shared.Rent(size);
        array.AsSpan().CopyTo(bigger);
        ArrayPool<T>.Shared.Return(array);
        array = bigger;
    }

    public void Dispose()
    {
        if (_data.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_data);
        ArrayPool<int>.Shared.Return(_cellStart);
        ArrayPool<int>.Shared.Return(_cellLength);
        (_data, _cellStart, _cellLength) = ([], [], []);
    }
}
