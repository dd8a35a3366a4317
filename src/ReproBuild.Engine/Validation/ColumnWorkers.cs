using nietras.SeparatedValues;
using ReproBuild.Engine.Diagnostics;

namespace ReproBuild.Engine.Validation;

/// <summary>
/// Checks every row's cells and keys, reporting findings in row order, then by column, then the row's keys. With one
/// thread a row is checked in place, straight from the reader. With more, rows are copied into a batch and the batch's
/// columns shared out among threads (column c goes to worker c mod n) while the reader fills the next batch: casting,
/// constraints and the profile of a column stay with one thread, in row order, so every result — findings, their
/// order, profiles — is the same whatever the number of threads. Row-wide checks (primary and unique keys) and
/// reporting happen on the calling thread, row by row.
/// </summary>
internal sealed class ColumnWorkers
{
    private readonly ColumnCheck[] _columns;
    private readonly KeyChecks? _keys;
    private readonly FindingBuffer[] _buffers;
    private readonly string?[] _rowKeys;

    // With several threads: the batch the reader fills, the one being checked meanwhile, and the one free for next.
    private CellBatch? _filling;
    private CellBatch? _checked;
    private CellBatch? _spare;
    private Task? _checking;

    public ColumnWorkers(ColumnCheck[] columns, KeyChecks? keys, int threads)
    {
        _columns = columns;
        _keys = keys;
        _buffers = Enumerable.Range(0, Math.Clamp(threads, 1, Math.Max(columns.Length, 1))).Select(_ => new FindingBuffer()).ToArray();
        _rowKeys = new string?[columns.Length];
        if (_buffers.Length > 1)
        {
            _filling = new CellBatch(columns.Length);
            _spare = new CellBatch(columns.Length);
        }
    }

    public int Threads => _buffers.Length;

    /// <summary>Checks a row (with one thread at once; else when its batch is full, and reported by a later call).</summary>
    public void Add(SepReader.Row row, int line, IFindings findings)
    {
        if (_filling is null)
        {
            CheckInPlace(row, line, findings);
            return;
        }
        _filling.Add(row, line);
        if (_filling.IsFull)
        {
            FinishChecking(findings);
            var full = _filling;
            (_filling, _spare) = (_spare, null);
            _checked = full;
            _checking = Task.Run(() => CheckColumns(full));
        }
    }

    /// <summary>Checks and reports every row added so far: before the caller reports a finding of its own, and at the end.</summary>
    public void Flush(IFindings findings)
    {
        if (_filling is null)
        {
            return;
        }
        FinishChecking(findings);
        if (_filling.Rows > 0)
        {
            CheckColumns(_filling);
            Report(_filling, findings);
        }
    }

    private void CheckInPlace(SepReader.Row row, int line, IFindings findings)
    {
        for (var column = 0; column < _columns.Length; column++)
        {
            _rowKeys[column] = _columns[column].Check(row[column].Span, line, column + 1, findings);
        }
        _keys?.Check(_rowKeys, line, findings);
    }

    /// <summary>Waits for the batch being checked, if any, and reports it.</summary>
    private void FinishChecking(IFindings findings)
    {
        if (_checking is null)
        {
            return;
        }
        _checking.GetAwaiter().GetResult();
        _checking = null;
        Report(_checked!, findings);
        (_spare, _checked) = (_checked, null);
    }

    private void CheckColumns(CellBatch batch) => Parallel.For(0, _buffers.Length, worker => CheckColumns(batch, worker));

    private void Report(CellBatch batch, IFindings findings)
    {
        // Report in the order one thread would have: row by row, cells by column, then the row's keys.
        var next = new int[_buffers.Length];
        for (var row = 0; row < batch.Rows; row++)
        {
            while (NextFinding(row, next) is var worker && worker >= 0)
            {
                var finding = _buffers[worker].Findings[next[worker]++];
                findings.Error(finding.Code, finding.Message, finding.Line, finding.Column);
            }
            if (_keys is not null)
            {
                Array.Copy(batch.Keys, row * batch.Columns, _rowKeys, 0, batch.Columns);
                _keys.Check(_rowKeys, batch.Line(row), findings);
            }
        }
        foreach (var buffer in _buffers)
        {
            buffer.Findings.Clear();
        }
        batch.Clear();
    }

    private void CheckColumns(CellBatch batch, int worker)
    {
        var buffer = _buffers[worker];
        for (var row = 0; row < batch.Rows; row++)
        {
            buffer.Row = row;
            var line = batch.Line(row);
            for (var column = worker; column < _columns.Length; column += _buffers.Length)
            {
                batch.Keys[row * batch.Columns + column] = _columns[column].Check(batch.Cell(row, column), line, column + 1, buffer);
            }
        }
    }

    /// <summary>The worker holding the next finding of this row with the lowest column, or -1.</summary>
    private int NextFinding(int row, int[] next)
    {
        var best = -1;
        for (var worker = 0; worker < _buffers.Length; worker++)
        {
            var findings = _buffers[worker].Findings;
            if (next[worker] < findings.Count && findings[next[worker]].Row == row
                && (best < 0 || findings[next[worker]].Column < _buffers[best].Findings[next[best]].Column))
            {
                best = worker;
            }
        }
        return best;
    }

    private sealed class FindingBuffer : IFindings
    {
        public List<(int Row, int Line, int Column, string Code, string Message)> Findings { get; } = [];

        public int Row { get; set; }

        public void Error(string code, string message, int line, int column) => Findings.Add((Row, line, column, code, message));
    }
}
