using System.Numerics;

namespace ReproBuild.Runtime.Schema;

/// <summary>
/// A cell's logical value after casting, in the few shapes the types need: a double (number, duration in seconds,
/// boolean as 1/0), a long (integer, year, yearmonth as months, date as day number, time and datetime as ticks), a big
/// integer for integers beyond a long, and a count for collections. No allocation for the common types.
/// </summary>
internal readonly struct CellValue
{
    public double Double { get; init; }

    public long Long { get; init; }

    /// <summary>Set only for an integer that does not fit in a long.</summary>
    public BigInteger? Big { get; init; }

    /// <summary>Items of a list, elements of an array, properties of an object; -1 for other types.</summary>
    public int Count { get; init; }

    /// <summary>A time or datetime that carried a UTC offset (its <see cref="Long"/> is then UTC).</summary>
    public bool HasOffset { get; init; }

    public static CellValue FromDouble(double value) => new() { Double = value, Count = -1 };

    public static CellValue FromLong(long value) => new() { Long = value, Double = value, Count = -1 };

    public static CellValue FromBig(BigInteger value) => new() { Big = value, Double = (double)value, Count = -1 };

    public static CellValue FromCount(int count) => new() { Count = count };

    public static readonly CellValue None = new() { Count = -1 };

    /// <summary>Compares two integer values, only going through <see cref="BigInteger"/> when one of them needs it.</summary>
    public static int CompareIntegers(in CellValue a, in CellValue b) =>
        a.Big is null && b.Big is null ? a.Long.CompareTo(b.Long) : (a.Big ?? a.Long).CompareTo(b.Big ?? b.Long);
}
