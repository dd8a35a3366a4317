using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Microsoft.Win32.SafeHandles;

namespace ReproBuild.Tasks;

/// <summary>
/// XxHash128 (XXH3, 128 bits, seed 0) of a file's content: the change-detection hash, about six times faster than
/// SHA-256 (docs/facts.md). The result is exactly System.IO.Hashing's <see cref="XxHash128"/>.
/// </summary>
/// <remarks>
/// On x64 with AVX2, files longer than 240 bytes go through the loop below instead of
/// <see cref="XxHash128.Append(ReadOnlySpan{byte})"/>. The reason is the JIT, not the algorithm: MSBuild runs a task
/// in a process where System.IO.Hashing's code starts at tier 0 (it is not precompiled), and its hot loop stays
/// there for seconds when the build has one core to itself — 0.2–0.3 GB/s instead of ~8 (docs/benchmarks.md,
/// "Cold change detection"). The methods here are marked for full optimisation at their first call, so the first
/// hash of a build runs at full speed. Elsewhere (ARM64, no AVX2) and for short files the library hashes.
/// </remarks>
internal static class ContentHasher
{
    private const int BufferSize = 1 << 20;

    public static string XxHash128Of(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        return Hex(Xxh3.IsSupported ? Xxh3.HashFile(handle, BufferSize) : LibraryHash(handle));
    }

    public static string XxHash128Of(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(XxHash128.Hash(content));

    private static UInt128 LibraryHash(SafeFileHandle handle)
    {
        var hasher = new XxHash128();
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long offset = 0;
            int read;
            while ((read = RandomAccess.Read(handle, buffer.AsSpan(0, BufferSize), offset)) > 0)
            {
                hasher.Append(buffer.AsSpan(0, read));
                offset += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return hasher.GetCurrentHashAsUInt128();
    }

    /// <summary>The canonical form xxhsum and <see cref="XxHash128.GetCurrentHash()"/> print: high 64 bits, then low, big-endian.</summary>
    private static string Hex(UInt128 hash)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, hash);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>
    /// XXH3-128's long-input path (xxhash.h: XXH3_hashLong_128b with the default secret), streamed over a file with
    /// AVX2. Inputs of at most 240 bytes take other paths in XXH3; those go to the library.
    /// </summary>
    internal static class Xxh3
    {
        public static bool IsSupported => Avx2.IsSupported && BitConverter.IsLittleEndian;

        private const int StripeLength = 64;
        private const int SecretLength = 192;
        private const int StripesPerBlock = (SecretLength - StripeLength) / 8; // 16: a block is 1 KiB
        private const int MidSizeMax = 240;

        private const ulong Prime32_1 = 0x9E3779B1UL;
        private const ulong Prime32_2 = 0x85EBCA77UL;
        private const ulong Prime32_3 = 0xC2B2AE3DUL;
        private const ulong Prime64_1 = 0x9E3779B185EBCA87UL;
        private const ulong Prime64_2 = 0xC2B2AE3D27D4EB4FUL;
        private const ulong Prime64_3 = 0x165667B19E3779F9UL;
        private const ulong Prime64_4 = 0x85EBCA77C2B2AE63UL;
        private const ulong Prime64_5 = 0x27D4EB2F165667C5UL;
        private const ulong PrimeMx1 = 0x165667919E3779F9UL;

        /// <summary>XXH3's default secret (kSecret in xxhash.h).</summary>
        private static ReadOnlySpan<byte> Secret =>
        [
            0xb8, 0xfe, 0x6c, 0x39, 0x23, 0xa4, 0x4b, 0xbe, 0x7c, 0x01, 0x81, 0x2c, 0xf7, 0x21, 0xad, 0x1c,
            0xde, 0xd4, 0x6d, 0xe9, 0x83, 0x90, 0x97, 0xdb, 0x72, 0x40, 0xa4, 0xa4, 0xb7, 0xb3, 0x67, 0x1f,
            0xcb, 0x79, 0xe6, 0x4e, 0xcc, 0xc0, 0xe5, 0x78, 0x82, 0x5a, 0xd0, 0x7d, 0xcc, 0xff, 0x72, 0x21,
            0xb8, 0x08, 0x46, 0x74, 0xf7, 0x43, 0x24, 0x8e, 0xe0, 0x35, 0x90, 0xe6, 0x81, 0x3a, 0x26, 0x4c,
            0x3c, 0x28, 0x52, 0xbb, 0x91, 0xc3, 0x00, 0xcb, 0x88, 0xd0, 0x65, 0x8b, 0x1b, 0x53, 0x2e, 0xa3,
            0x71, 0x64, 0x48, 0x97, 0xa2, 0x0d, 0xf9, 0x4e, 0x38, 0x19, 0xef, 0x46, 0xa9, 0xde, 0xac, 0xd8,
            0xa8, 0xfa, 0x76, 0x3f, 0xe3, 0x9c, 0x34, 0x3f, 0xf9, 0xdc, 0xbb, 0xc7, 0xc7, 0x0b, 0x4f, 0x1d,
            0x8a, 0x51, 0xe0, 0x4b, 0xcd, 0xb4, 0x59, 0x31, 0xc8, 0x9f, 0x7e, 0xc9, 0xd9, 0x78, 0x73, 0x64,
            0xea, 0xc5, 0xac, 0x83, 0x34, 0xd3, 0xeb, 0xc3, 0xc5, 0x81, 0xa0, 0xff, 0xfa, 0x13, 0x63, 0xeb,
            0x17, 0x0d, 0xdd, 0x51, 0xb7, 0xf0, 0xda, 0x49, 0xd3, 0x16, 0x55, 0x26, 0x29, 0xd4, 0x68, 0x9e,
            0x2b, 0x16, 0xbe, 0x58, 0x7d, 0x47, 0xa1, 0xfc, 0x8f, 0xf8, 0xb8, 0xd1, 0x7a, 0xd0, 0x31, 0xce,
            0x45, 0xcb, 0x3a, 0x8f, 0x95, 0x16, 0x04, 0x28, 0xaf, 0xd7, 0xfb, 0xca, 0xbb, 0x4b, 0x40, 0x7e,
        ];

        /// <summary>The accumulators (two AVX2 registers) and the position within the current 1 KiB block.</summary>
        private struct State
        {
            public Vector256<ulong> Low;
            public Vector256<ulong> High;
            public int StripesInBlock;
        }

        /// <summary>Reads the file to its end (however long it is by then) and hashes what it read.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static UInt128 HashFile(SafeFileHandle handle, int bufferSize)
        {
            // buffer[0..64) holds the last stripe read so far, so the final stripe is whole even if the last read is short;
            // the rest must hold a whole short input.
            var capacity = StripeLength + Math.Max(bufferSize, 256);
            var buffer = ArrayPool<byte>.Shared.Rent(capacity);
            try
            {
                var state = new State
                {
                    Low = Vector256.Create(Prime32_3, Prime64_1, Prime64_2, Prime64_3),
                    High = Vector256.Create(Prime64_4, Prime32_2, Prime64_5, Prime32_1),
                };
                int start = StripeLength, end = StripeLength; // unconsumed bytes: [start, end)
                long length = 0;
                int read;
                while ((read = RandomAccess.Read(handle, buffer.AsSpan(end, capacity - end), length)) > 0)
                {
                    length += read;
                    end += read;
                    // Up to 240 bytes XXH3 takes other paths: keep everything until the input is longer. A stripe is
                    // consumed only when at least one byte follows it; the very last stripe is mixed in differently.
                    if (length > MidSizeMax && (end - start - 1) / StripeLength is var stripes and > 0)
                    {
                        Consume(ref state, buffer.AsSpan(start, stripes * StripeLength), stripes);
                        start += stripes * StripeLength;
                        buffer.AsSpan(end - StripeLength, StripeLength).CopyTo(buffer);
                        start = StripeLength - (end - start);
                        end = StripeLength;
                    }
                }
                if (length <= MidSizeMax)
                {
                    return XxHash128.HashToUInt128(buffer.AsSpan(StripeLength, (int)length));
                }
                return Finish(ref state, buffer.AsSpan(end - StripeLength, StripeLength), (ulong)length);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        /// <summary>XXH3_accumulate over whole stripes, scrambling the accumulators at the end of every block.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void Consume(ref State state, ReadOnlySpan<byte> input, int stripes)
        {
            ref var data = ref MemoryMarshal.GetReference(input);
            ref var secret = ref MemoryMarshal.GetReference(Secret);
            var low = state.Low;
            var high = state.High;
            var inBlock = state.StripesInBlock;
            nuint offset = 0;
            for (var n = 0; n < stripes; n++, offset += StripeLength)
            {
                var key = (nuint)(inBlock * 8);
                Accumulate(ref low, ref high, ref data, offset, ref secret, key);
                if (++inBlock == StripesPerBlock)
                {
                    Scramble(ref low, ref high, ref secret, SecretLength - StripeLength);
                    inBlock = 0;
                }
            }
            state.Low = low;
            state.High = high;
            state.StripesInBlock = inBlock;
        }

        /// <summary>XXH3_accumulate_512 (AVX2): one 64-byte stripe into the eight accumulators.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Accumulate(ref Vector256<ulong> low, ref Vector256<ulong> high, ref byte data, nuint offset, ref byte secret, nuint key)
        {
            low = Round(low, Vector256.LoadUnsafe(ref data, offset), Vector256.LoadUnsafe(ref secret, key));
            high = Round(high, Vector256.LoadUnsafe(ref data, offset + 32), Vector256.LoadUnsafe(ref secret, key + 32));

            static Vector256<ulong> Round(Vector256<ulong> accumulator, Vector256<byte> data, Vector256<byte> secret)
            {
                var value = data.AsUInt64();
                var mixed = Avx2.Xor(value, secret.AsUInt64());
                var product = Avx2.Multiply(mixed.AsUInt32(), Avx2.ShiftRightLogical(mixed, 32).AsUInt32());
                var swapped = Avx2.Shuffle(value.AsUInt32(), 0b01_00_11_10).AsUInt64(); // swap the 64-bit halves of each 128 bits
                return Avx2.Add(product, Avx2.Add(accumulator, swapped));
            }
        }

        /// <summary>XXH3_scrambleAcc (AVX2).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Scramble(ref Vector256<ulong> low, ref Vector256<ulong> high, ref byte secret, nuint key)
        {
            low = Round(low, Vector256.LoadUnsafe(ref secret, key));
            high = Round(high, Vector256.LoadUnsafe(ref secret, key + 32));

            static Vector256<ulong> Round(Vector256<ulong> accumulator, Vector256<byte> secret)
            {
                var prime = Vector256.Create((uint)Prime32_1);
                var mixed = Avx2.Xor(Avx2.Xor(accumulator, Avx2.ShiftRightLogical(accumulator, 47)), secret.AsUInt64());
                var productLow = Avx2.Multiply(mixed.AsUInt32(), prime);
                var productHigh = Avx2.Multiply(Avx2.ShiftRightLogical(mixed, 32).AsUInt32(), prime);
                return Avx2.Add(productLow, Avx2.ShiftLeftLogical(productHigh, 32));
            }
        }

        /// <summary>The last stripe, then the two 64-bit halves from the accumulators (XXH3_hashLong_128b_internal).</summary>
        private static UInt128 Finish(ref State state, ReadOnlySpan<byte> lastStripe, ulong length)
        {
            var low = state.Low;
            var high = state.High;
            ref var secret = ref MemoryMarshal.GetReference(Secret);
            Accumulate(ref low, ref high, ref MemoryMarshal.GetReference(lastStripe), 0, ref secret, SecretLength - StripeLength - 7);
            Span<ulong> accumulators = stackalloc ulong[8];
            low.CopyTo(accumulators);
            high.CopyTo(accumulators[4..]);
            var low64 = MergeAccumulators(accumulators, Secret[11..], length * Prime64_1);
            var high64 = MergeAccumulators(accumulators, Secret[(SecretLength - 64 - 11)..], ~(length * Prime64_2));
            return new UInt128(high64, low64);
        }

        private static ulong MergeAccumulators(ReadOnlySpan<ulong> accumulators, ReadOnlySpan<byte> secret, ulong start)
        {
            var result = start;
            for (var i = 0; i < 4; i++)
            {
                var a = accumulators[2 * i] ^ BinaryPrimitives.ReadUInt64LittleEndian(secret[(16 * i)..]);
                var b = accumulators[2 * i + 1] ^ BinaryPrimitives.ReadUInt64LittleEndian(secret[(16 * i + 8)..]);
                var high = Math.BigMul(a, b, out var low);
                result += low ^ high;
            }
            result ^= result >> 37;
            result *= PrimeMx1;
            return result ^ (result >> 32);
        }
    }
}
