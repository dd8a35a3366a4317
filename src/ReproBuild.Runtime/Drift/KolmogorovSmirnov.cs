namespace ReproBuild.Runtime.Drift;

/// <summary>
/// The two-sample Kolmogorov–Smirnov test, two-sided, as SciPy's <c>ks_2samp</c> computes it: the largest gap
/// between the two empirical distribution functions, and its exact p-value by counting lattice paths (Hodges 1958)
/// with every column of the path matrix scaled to a probability, so nothing overflows. SciPy's default switches to
/// an asymptotic value once a sample passes 10,000 values; this keeps the exact one (SciPy's <c>method='exact'</c>),
/// and falls back to Kolmogorov's limiting distribution only where the exact count is not a probability.
/// </summary>
internal static class KolmogorovSmirnov
{
    /// <summary>The statistic D and its p-value. Both samples must be sorted ascending and non-empty.</summary>
    public static (double Statistic, double PValue) Test(ReadOnlySpan<double> sorted1, ReadOnlySpan<double> sorted2)
    {
        var n1 = sorted1.Length;
        var n2 = sorted2.Length;
        var d = Statistic(sorted1, sorted2);
        var g = Gcd(n1, n2);
        var lcm = (long)(n1 / g) * n2;
        var h = (long)Math.Round(d * lcm, MidpointRounding.ToEven);
        var exactD = (double)h / lcm;
        if (h == 0)
        {
            return (exactD, 1.0);
        }
        var p = n1 == n2 ? ProbabilityOutsideSquare(n1, h) : ProbabilityOutside(n1, n2, g, h);
        if (!(p >= 0 && p <= 1))
        {
            double m = Math.Max(n1, n2), n = Math.Min(n1, n2);
            p = Math.Clamp(LimitingSurvival(Math.Sqrt(m * n / (m + n)) * exactD), 0, 1);
        }
        return (exactD, p);
    }

    /// <summary>max |F1(x) − F2(x)| over every value of either sample, ties handled as SciPy does (right-continuous).</summary>
    public static double Statistic(ReadOnlySpan<double> sorted1, ReadOnlySpan<double> sorted2)
    {
        double n1 = sorted1.Length, n2 = sorted2.Length;
        int i = 0, j = 0;
        var d = 0.0;
        while (i < sorted1.Length || j < sorted2.Length)
        {
            var x = j >= sorted2.Length || (i < sorted1.Length && sorted1[i] <= sorted2[j]) ? sorted1[i] : sorted2[j];
            while (i < sorted1.Length && sorted1[i] <= x)
            {
                i++;
            }
            while (j < sorted2.Length && sorted2[j] <= x)
            {
                j++;
            }
            d = Math.Max(d, Math.Abs(i / n1 - j / n2));
        }
        return d;
    }

    /// <summary>Kolmogorov's limiting distribution: P(K &gt; x) = 2 Σ (−1)^(k−1) exp(−2k²x²).</summary>
    public static double LimitingSurvival(double x)
    {
        if (x <= 0)
        {
            return 1;
        }
        var sum = 0.0;
        for (var k = 1; k <= 100; k++)
        {
            var term = Math.Exp(-2.0 * k * k * x * x);
            sum += (k % 2 == 1 ? 1 : -1) * term;
            if (term < 1e-17)
            {
                break;
            }
        }
        return Math.Clamp(2 * sum, 0, 1);
    }

    // Equal sample sizes: 2 Σ (−1)^(k−1) binom(2n, n−kh)/binom(2n, n), evaluated Horner-like to avoid cancellation.
    private static double ProbabilityOutsideSquare(int n, long h)
    {
        var p = 0.0;
        for (var k = n / h; k >= 0; k--)
        {
            var p1 = 1.0;
            for (long j = 0; j < h; j++)
            {
                p1 = (n - k * h - j) * p1 / (n + k * h + j + 1);
            }
            p = p1 * (1.0 - p);
        }
        return 2 * p;
    }

    // The share of lattice paths from (0,0) to (m,n) that leave the band |x/m − y/n| < h/lcm, one column at a time.
    // Each entry holds 1 − the probability of reaching it inside the band (Viehmann, arXiv:2102.08037, as SciPy does),
    // which keeps small p-values precise instead of subtracting two numbers near 1.
    private static double ProbabilityOutside(int m, int n, int g, long h)
    {
        if (m < n)
        {
            (m, n) = (n, m);
        }
        long mg = m / g, ng = n / g;
        var minj = 0;
        var maxj = (int)Math.Min(CeilingDivide(h, mg), n + 1);
        var currentLength = maxj - minj;
        var a = new double[Math.Min(2 * maxj + 2, n + 1)];
        Array.Fill(a, 1.0);
        Array.Clear(a, minj, maxj - minj);
        for (var i = 1; i <= m; i++)
        {
            var lastMinj = minj;
            var lastLength = currentLength;
            minj = (int)Math.Min(Math.Max(FloorDivide(ng * i - h, mg) + 1, 0), n);
            maxj = (int)Math.Min(CeilingDivide(ng * i + h, mg), n + 1);
            if (maxj <= minj)
            {
                return 1.0;
            }
            var value = minj == 0 ? 0.0 : 1.0;
            for (var jj = 0; jj < maxj - minj; jj++)
            {
                var j = jj + minj;
                value = (a[jj + minj - lastMinj] * i + value * j) / (i + j);
                a[jj] = value;
            }
            currentLength = maxj - minj;
            if (lastLength > currentLength)
            {
                Array.Fill(a, 1.0, maxj - minj, Math.Min(lastLength - currentLength, a.Length - (maxj - minj)));
            }
        }
        return a[maxj - minj - 1];
    }

    private static long FloorDivide(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    private static long CeilingDivide(long a, long b) => -FloorDivide(-a, b);

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }
        return a;
    }
}
