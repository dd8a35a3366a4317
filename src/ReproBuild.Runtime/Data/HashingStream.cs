namespace ReproBuild.Runtime.Data;

/// <summary>
/// A read-only stream that computes the SHA-256 of everything read through it, so that the published digest of
/// a dataset comes from the same pass that parses it: the bytes are read once. It reads the file in buffers of
/// <see cref="HashingThread.BufferSize"/> bytes and hands each one, once the parser has taken it, to a
/// <see cref="HashingThread"/>, which hashes it beside the parser when there is a core to spare.
/// </summary>
/// <param name="inner">The file's bytes; disposed with this stream.</param>
/// <param name="hasher">Hashes the bytes; disposed with this stream.</param>
internal sealed class HashingStream(Stream inner, HashingThread hasher) : Stream
{
    private readonly HashingThread _hasher = hasher;
    private byte[]? _buffer;
    private int _length;
    private int _position;
    private bool _ended;

    public HashingStream(Stream inner)
        : this(inner, new HashingThread())
    {
    }

    /// <summary>The bytes read from the file so far; after <see cref="FinishSha256"/>, its size.</summary>
    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    /// <summary>Reads any bytes the parser left unread, then returns the lowercase hex SHA-256 of the whole stream.</summary>
    public string FinishSha256()
    {
        while (!_ended)
        {
            _position = _length;
            Refill();
        }
        if (_buffer is not null)
        {
            _hasher.Append(_buffer, _length);
            _buffer = null;
        }
        return Convert.ToHexStringLower(_hasher.Finish());
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }
        if (_position == _length)
        {
            if (_ended)
            {
                return 0;
            }
            Refill();
        }
        var count = Math.Min(buffer.Length, _length - _position);
        _buffer.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    /// <summary>Hands the buffer the parser has taken to the hasher and fills the next, to its end or the end of the file.</summary>
    private void Refill()
    {
        if (_buffer is not null)
        {
            _hasher.Append(_buffer, _length);
            _buffer = null;
        }
        var next = _hasher.Rent();
        _buffer = next;
        _length = 0;
        _position = 0;
        while (_length < next.Length)
        {
            var read = inner.Read(next, _length, next.Length - _length);
            if (read == 0)
            {
                _ended = true;
                break;
            }
            _length += read;
        }
        BytesRead += _length;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hasher.Dispose();
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
