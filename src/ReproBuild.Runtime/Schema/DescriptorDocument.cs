using System.Text;
using System.Text.Json;

namespace ReproBuild.Runtime.Schema;

/// <summary>
/// A JSON descriptor file (a Table Schema or a datapackage.json) read into <see cref="DescriptorNode"/>s that remember
/// their byte offsets, and the reporting of problems at a 1-based line and column computed from those offsets
/// (columns count characters, not bytes).
/// </summary>
internal sealed class DescriptorDocument
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 256,
    };

    private readonly ReadOnlyMemory<byte> _json;
    private readonly int[] _lineStarts;
    private readonly SchemaReporter _report;

    private DescriptorDocument(string file, ReadOnlyMemory<byte> json, SchemaReporter report)
    {
        File = file;
        _json = json;
        _report = report;
        var starts = new List<int> { 0 };
        var span = json.Span;
        for (var i = 0; i < span.Length; i++)
        {
            if (span[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }
        _lineStarts = [.. starts];
    }

    /// <summary>The file as the user named it (as given to <see cref="TableSchema.Load"/>, or resolved from a data package).</summary>
    public string File { get; }

    public DescriptorNode Root { get; private set; } = null!;

    /// <summary>Errors reported against this document.</summary>
    public int ErrorCount { get; private set; }

    /// <summary>Reads and parses <paramref name="file"/>; reports RB2100 and returns null when it cannot be read or is not JSON.</summary>
    public static DescriptorDocument? Read(string file, SchemaReporter report)
    {
        byte[] bytes;
        try
        {
            bytes = System.IO.File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            report.Error(ErrorCodes.InvalidSchemaJson, $"cannot read the schema file: {e.Message}", file, 0, 0);
            return null;
        }
        return Parse(bytes, file, report);
    }

    public static DescriptorDocument? Parse(byte[] bytes, string file, SchemaReporter report)
    {
        ReadOnlyMemory<byte> json = bytes;
        if (json.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            json = json[3..];
        }
        var document = new DescriptorDocument(file, json, report);
        var reader = new Utf8JsonReader(json.Span, ReaderOptions);
        try
        {
            if (!reader.Read())
            {
                document.Fail(ErrorCodes.InvalidSchemaJson, "the file is empty: expected a JSON object.", 0);
                return null;
            }
            document.Root = DescriptorNode.Read(document, ref reader, "");
            // Anything but whitespace after the root value is an error; Read() throws on it.
            reader.Read();
        }
        catch (JsonException e)
        {
            var offset = document.OffsetOf(e.LineNumber ?? 0, e.BytePositionInLine ?? 0);
            document.Fail(ErrorCodes.InvalidSchemaJson, $"invalid JSON: {Describe(e)}", offset);
            return null;
        }
        catch (InvalidOperationException e)
        {
            // Invalid UTF-8 inside a string surfaces when the string is decoded.
            document.Fail(ErrorCodes.InvalidSchemaJson, $"invalid JSON: {e.Message}", checked((int)reader.TokenStartIndex));
            return null;
        }
        return document.ErrorCount == 0 ? document : null;
    }

    /// <summary>The exact text of <paramref name="node"/> in the file.</summary>
    public string RawText(DescriptorNode node) => Encoding.UTF8.GetString(_json.Span[node.Start..node.End]);

    /// <summary>Reports an error at byte <paramref name="offset"/>.</summary>
    public void Fail(string code, string message, int offset)
    {
        ErrorCount++;
        var (line, column) = Position(offset);
        _report.Error(code, message, File, line, column);
    }

    public void Warn(string code, string message, int offset)
    {
        var (line, column) = Position(offset);
        _report.Warning(code, message, File, line, column);
    }

    /// <summary>The 1-based line and column (in characters) of byte <paramref name="offset"/>.</summary>
    public (int Line, int Column) Position(int offset)
    {
        var span = _json.Span;
        offset = Math.Clamp(offset, 0, span.Length);
        var index = Array.BinarySearch(_lineStarts, offset);
        var line = index >= 0 ? index : ~index - 1;
        var column = 1;
        for (var i = _lineStarts[line]; i < offset; i++)
        {
            var b = span[i];
            if ((b & 0xC0) != 0x80)
            {
                // A lead byte (or ASCII) starts a character; a 4-byte sequence is two UTF-16 chars, as editors count them.
                column += b >= 0xF0 ? 2 : 1;
            }
        }
        return (line + 1, column);
    }

    private int OffsetOf(long line, long bytePositionInLine)
    {
        if (line >= _lineStarts.Length)
        {
            return _json.Length;
        }
        var start = _lineStarts[(int)line];
        var end = line + 1 < _lineStarts.Length ? _lineStarts[(int)line + 1] : _json.Length;
        return (int)Math.Min(start + bytePositionInLine, end);
    }

    // The reader's message ends with its own 0-based "LineNumber: 3 | BytePositionInLine: 5." which would contradict ours.
    private static string Describe(JsonException e)
    {
        var message = e.Message;
        var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (at >= 0 ? message[..at] : message).Trim();
    }
}
