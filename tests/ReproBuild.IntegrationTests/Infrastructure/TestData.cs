using System.Globalization;
using System.Text;

namespace ReproBuild.IntegrationTests.Infrastructure;

/// <summary>Small deterministic datasets: a fixed generator, so every run and machine sees the same bytes.</summary>
internal static class TestData
{
    /// <summary>Binary: numbers, a text column, one missing number, label yes/no.</summary>
    public static string Binary(int rows = 200, int seed = 1)
    {
        var random = new Random(seed);
        var text = new StringBuilder("x1,x2,color,label\n");
        string[] colors = ["red", "green", "blue"];
        for (var i = 0; i < rows; i++)
        {
            var x1 = Math.Round(random.NextDouble() * 10, 3);
            var x2 = Math.Round(random.NextDouble() * 10, 3);
            var color = colors[random.Next(3)];
            var score = x1 + x2 + (color == "red" ? 3 : 0) + random.NextDouble() * 2;
            var x2Text = i == 7 ? "" : F(x2);
            text.Append(CultureInfo.InvariantCulture, $"{F(x1)},{x2Text},{color},{(score > 11 ? "yes" : "no")}\n");
        }
        return text.ToString();
    }

    /// <summary>Three classes around three centres.</summary>
    public static string Multiclass(int rows = 150, int seed = 2)
    {
        var random = new Random(seed);
        var text = new StringBuilder("a,b,kind\n");
        (string Name, double A, double B)[] centres = [("alpha", 1, 1), ("beta", 5, 1), ("gamma", 3, 5)];
        for (var i = 0; i < rows; i++)
        {
            var (name, a, b) = centres[i % 3];
            text.Append(CultureInfo.InvariantCulture, $"{F(a + random.NextDouble() * 1.5)},{F(b + random.NextDouble() * 1.5)},{name}\n");
        }
        return text.ToString();
    }

    /// <summary>A positive linear target with noise (positive, so Poisson regression applies too).</summary>
    public static string Regression(int rows = 200, int seed = 3)
    {
        var random = new Random(seed);
        var text = new StringBuilder("u,v,target\n");
        for (var i = 0; i < rows; i++)
        {
            var u = random.NextDouble() * 10;
            var v = random.NextDouble() * 10;
            text.Append(CultureInfo.InvariantCulture, $"{F(u)},{F(v)},{F(25 + 3 * u - 2 * v + random.NextDouble())}\n");
        }
        return text.ToString();
    }

    /// <summary>Eight numbers and a 0/1 label: large enough that a FastTree with many trees trains for a while.</summary>
    public static string LargeBinary(int rows)
    {
        var random = new Random(11);
        var text = new StringBuilder("a,b,c,d,e,f,g,h,label\n");
        for (var i = 0; i < rows; i++)
        {
            var values = Enumerable.Range(0, 8).Select(_ => random.NextDouble()).ToArray();
            var label = values[0] + values[1] * values[2] - values[3] + random.NextDouble() * 0.5 > 0.6 ? "1" : "0";
            text.Append(string.Join(',', values.Select(v => v.ToString("0.####", CultureInfo.InvariantCulture)))).Append(',').Append(label).Append('\n');
        }
        return text.ToString();
    }

    private static string F(double value) => Math.Round(value, 4).ToString("R", CultureInfo.InvariantCulture);
}
