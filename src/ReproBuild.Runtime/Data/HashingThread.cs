using System.Runtime.ExceptionServices;
using System.Security.Cryptography;

namespace ReproBuild.Runtime.Data;

/// <summary>
/// The SHA-256 of a file's buffers, computed on a thread of its own while the reader parses the next ones, so that
/// hashing costs the reading thread nothing on a machine with a core to spare. Buffers are hashed in the order they
/// are handed over, so the digest is the one-shot SHA-256 of their bytes. At most <see cref="Buffers"/> buffers exist
/// (the reader waits for one when the hasher lags), so memory stays flat whatever the file's size. With one core, or a
/// file that fits in one buffer, the reading thread hashes them itself: no thread is started.
/// </summary>
internal sealed class HashingThread : IDisposable
{
    public const int BufferSize = 1 << 20;

    /// <summary>The most buffers in flight: the one being read, the one being hashed, and two in between.</summary>
    public const int Buffers = 4;

    private readonly IncrementalHash _hash;
    private readonly bool _inline;
    private readonly object _gate = new();
    private readonly Queue<(byte[] Buffer, int Count)> _full = new();
    private readonly Stack<byte[]> _free = new();
    private int _allocated;
    private bool _completed;
    private ExceptionDispatchInfo? _failure;
    private Thread? _thread;

    /// <param name="hash">Receives the bytes; owned by this object from now on.</param>
    /// <param name="threaded">False to hash on the caller's thread; by default a thread of its own when the machine has more than one core.</param>
    public HashingThread(IncrementalHash hash, bool? threaded = null)
    {
        _hash = hash;
        _inline = !(threaded ?? Environment.ProcessorCount > 1);
    }

    public HashingThread()
        : this(IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
    {
    }

    /// <summary>Whether a hashing thread is running (for tests: none may be left after <see cref="Dispose"/>).</summary>
    internal bool IsRunning => _thread is { IsAlive: true };

    /// <summary>A buffer of <see cref="BufferSize"/> bytes to fill; waits while <see cref="Buffers"/> are in flight.</summary>
    public byte[] Rent()
    {
        lock (_gate)
        {
            while (true)
            {
                ThrowIfFailed();
                if (_free.TryPop(out var buffer))
                {
                    return buffer;
                }
                if (_allocated < Buffers)
                {
                    _allocated++;
                    return new byte[BufferSize];
                }
                Monitor.Wait(_gate);
            }
        }
    }

    /// <summary>Hands over the first <paramref name="count"/> bytes of a rented buffer, in file order; the buffer comes back to <see cref="Rent"/> once hashed.</summary>
    public void Append(byte[] buffer, int count)
    {
        // Only a file's last buffer is partly filled: hashing one alone is not worth a thread.
        if (_inline || (_thread is null && count < BufferSize))
        {
            _hash.AppendData(buffer, 0, count);
            lock (_gate)
            {
                _free.Push(buffer);
            }
            return;
        }
        lock (_gate)
        {
            ThrowIfFailed();
            ObjectDisposedException.ThrowIf(_completed, this);
            _full.Enqueue((buffer, count));
            Monitor.PulseAll(_gate);
        }
        if (_thread is null)
        {
            _thread = new Thread(HashBuffers) { IsBackground = true, Name = "ReproBuild SHA-256" };
            _thread.Start();
        }
    }

    /// <summary>Waits until every buffer handed over is hashed and returns the SHA-256 of them all.</summary>
    public byte[] Finish()
    {
        Stop();
        _failure?.Throw();
        return _hash.GetHashAndReset();
    }

    public void Dispose()
    {
        Stop();
        _hash.Dispose();
    }

    /// <summary>Surfaces the hasher's failure on the reading thread, once the hasher has ended (it does right after failing).</summary>
    private void ThrowIfFailed()
    {
        if (_failure is not null)
        {
            _thread?.Join();
            _failure.Throw();
        }
    }

    private void Stop()
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
        }
        _thread?.Join();
        _thread = null;
    }

    private void HashBuffers()
    {
        while (true)
        {
            byte[] buffer;
            int count;
            lock (_gate)
            {
                while (_full.Count == 0 && !_completed)
                {
                    Monitor.Wait(_gate);
                }
                if (_full.Count == 0)
                {
                    return;
                }
                (buffer, count) = _full.Dequeue();
            }
            try
            {
                _hash.AppendData(buffer, 0, count);
            }
            catch (Exception exception)
            {
                lock (_gate)
                {
                    // The reader sees it at its next call; the digest of the rest would be wrong anyway.
                    _failure = ExceptionDispatchInfo.Capture(exception);
                    _full.Clear();
                    Monitor.PulseAll(_gate);
                }
                return;
            }
            lock (_gate)
            {
                _free.Push(buffer);
                Monitor.PulseAll(_gate);
            }
        }
    }
}
