using System.Text;

namespace ReproBuild.Runtime.Data;

/// <summary>
/// A UTF-8 decoder fallback that replaces each invalid byte sequence with U+FFFD, as .NET's default does, and
/// counts them: the reader keeps going (every other finding of the file is still reported), and the inspection
/// knows to look for the rows that hold a replacement character.
/// </summary>
internal sealed class InvalidUtf8Counter : DecoderFallback
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public override int MaxCharCount => 1;

    public override DecoderFallbackBuffer CreateFallbackBuffer() => new ReplacementBuffer(this);

    /// <summary>UTF-8 (a BOM is skipped) that reports invalid bytes to this counter.</summary>
    public Encoding CreateEncoding()
    {
        var encoding = (Encoding)new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).Clone();
        encoding.DecoderFallback = this;
        return encoding;
    }

    private sealed class ReplacementBuffer(InvalidUtf8Counter owner) : DecoderFallbackBuffer
    {
        private bool _pending;

        public override int Remaining => _pending ? 1 : 0;

        public override bool Fallback(byte[] bytesUnknown, int index)
        {
            Interlocked.Increment(ref owner._count);
            _pending = true;
            return true;
        }

        public override char GetNextChar()
        {
            if (!_pending)
            {
                return '\0';
            }
            _pending = false;
            return '\uFFFD';
        }

        public override bool MovePrevious() => false;
    }
}
