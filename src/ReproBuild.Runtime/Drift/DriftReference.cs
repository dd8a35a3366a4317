using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace ReproBuild.Runtime.Drift;

/// <summary>
/// What a model's input columns looked like in its training rows: the reference a build stamps beside the model
/// (<c>ReproBuild/&lt;Model&gt;.reference.json</c>, its SHA-256 in the provenance) for drift checks. Numeric columns
/// keep at most 1,000 values (every value, or quantiles) with their exact mean and standard deviation; categorical
/// columns the count of each of at most 1,000 values.
/// </summary>
public sealed class DriftReference
{
    /// <summary>The format's version, written into every reference.</summary>
    public const int FormatVersion = 1;

    internal DriftReference(string model, long rows, IReadOnlyList<ReferenceColumn> columns)
    {
        Model = model;
        Rows = rows;
        Columns = columns;
    }

    /// <summary>The model's name.</summary>
    public string Model { get; }

    /// <summary>The training rows the reference was computed from.</summary>
    public long Rows { get; }

    /// <summary>The model's input columns, in the model's order.</summary>
    public IReadOnlyList<ReferenceColumn> Columns { get; }

    /// <summary>The column of that name (ordinal), or null.</summary>
    public ReferenceColumn? Find(string name) => Columns.FirstOrDefault(c => c.Name == name);

    /// <summary>
    /// The reference stamped into an assembly beside a model, after the model's bytes were checked against their
    /// stamped digest and the reference's bytes against the digest its provenance records.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No model of that name, or a model built without a reference.</exception>
    /// <exception cref="ModelIntegrityException">The model or its reference does not match its digest.</exception>
    public static DriftReference Load(Assembly assembly, string model)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        model = ItemNames.Normalize(model);
        var provenance = EmbeddedModel.Verify(assembly, model);
        var bytes = EmbeddedModel.ReadResource(assembly, StampNames.ReferenceResource(model));
        if (bytes is null || provenance.ReferenceSha256 is null)
        {
            throw new KeyNotFoundException($"Assembly '{assembly.GetName().Name}' embeds model '{model}' without a drift reference; build the model project with this version of ReproBuild.");
        }
        return Verified(model, bytes, provenance.ReferenceSha256);
    }

    /// <summary>
    /// A reference file a build wrote (<c>obj/…/models/&lt;Model&gt;/reference.json</c>, or <c>&lt;Model&gt;.reference.json</c>
    /// in the output folder), after its bytes were checked against the digest the model's provenance records.
    /// </summary>
    /// <param name="referenceFile">The reference the build wrote.</param>
    /// <param name="model">The model's name, for messages.</param>
    /// <param name="provenance">The model's provenance, written by the same build.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="KeyNotFoundException">The provenance records no reference (a model built before references existed).</exception>
    /// <exception cref="ModelIntegrityException">The file does not match the recorded digest.</exception>
    public static DriftReference Load(string referenceFile, string model, ModelProvenance provenance)
    {
        ArgumentNullException.ThrowIfNull(provenance);
        if (provenance.ReferenceSha256 is null)
        {
            throw new KeyNotFoundException($"The provenance of model '{model}' records no drift reference; build the model project with this version of ReproBuild.");
        }
        return Verified(model, File.ReadAllBytes(referenceFile), provenance.ReferenceSha256);
    }

    private static DriftReference Verified(string model, byte[] bytes, string expectedSha256)
    {
        var actual = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelIntegrityException(model, "drift reference", expectedSha256, actual);
        }
        return Parse(Encoding.UTF8.GetString(bytes));
    }

    /// <summary>Reads a reference document (a model output folder's <c>reference.json</c>).</summary>
    /// <exception cref="InvalidDataException">The document is not a drift reference.</exception>
    public static DriftReference Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var columns = root.GetProperty("columns").EnumerateArray().Select(ParseColumn).ToArray();
            return new DriftReference(root.GetProperty("model").GetString()!, root.GetProperty("rows").GetInt64(), columns);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"This is not a ReproBuild drift reference: {e.Message}", e);
        }
    }

    /// <summary>Compares a delimited file with a header (the current data) with this reference, column by column.</summary>
    /// <param name="file">The current data: a header row naming at least the compared columns.</param>
    /// <param name="options">Method, threshold, columns and the dataset's drift share; Evidently's defaults when null.</param>
    /// <param name="separator">The field separator; by default ',' (a tab for .tsv files).</param>
    /// <exception cref="InvalidDataException">The file cannot be compared (missing, empty, a column missing or of another type); the message says where.</exception>
    /// <exception cref="ArgumentException">The options name a column the reference does not have, or a method that fits none of the columns.</exception>
    public DriftReport Compare(string file, DriftOptions? options = null, char? separator = null)
    {
        options ??= new DriftOptions();
        var columns = DriftDetector.Select(this, options);
        try
        {
            var current = CurrentData.Read(file, columns, separator ?? (file.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : ','));
            return DriftDetector.Compare(this, columns, current, options, Path.GetFileName(file));
        }
        catch (Data.UserError error)
        {
            throw new InvalidDataException(error.Describe(), error);
        }
    }

    /// <summary>Compares rows already in memory (one value per column per row, as text) with this reference: what a service's window holds.</summary>
    public DriftReport Compare(IReadOnlyList<string> columnNames, IEnumerable<IReadOnlyList<string>> rows, DriftOptions? options = null, string source = "window")
    {
        options ??= new DriftOptions();
        var columns = DriftDetector.Select(this, options);
        var current = CurrentData.FromRows(columns, columnNames, rows);
        return DriftDetector.Compare(this, columns, current, options, source);
    }

    /// <summary>The document as the build writes it: compact, fixed property order, shortest round-trip numbers, so equal inputs give equal bytes.</summary>
    internal string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", FormatVersion);
            writer.WriteString("model", Model);
            writer.WriteNumber("rows", Rows);
            writer.WriteStartArray("columns");
            foreach (var column in Columns)
            {
                writer.WriteStartObject();
                writer.WriteString("name", column.Name);
                writer.WriteString("kind", column.Kind == ColumnKind.Numeric ? "numeric" : "categorical");
                writer.WriteNumber("count", column.Count);
                writer.WriteNumber("missing", column.Missing);
                if (column.NotComparable is { } reason)
                {
                    writer.WriteString("notComparable", reason);
                }
                if (column.Kind == ColumnKind.Numeric)
                {
                    writer.WriteNumber("mean", column.Mean);
                    writer.WriteNumber("deviation", column.Deviation);
                    writer.WriteStartArray("values");
                    foreach (var value in column.Values)
                    {
                        writer.WriteNumberValue(value);
                    }
                    writer.WriteEndArray();
                }
                else
                {
                    writer.WriteStartObject("categories");
                    foreach (var (value, count) in column.Categories.OrderBy(c => c.Key, StringComparer.Ordinal))
                    {
                        writer.WriteNumber(value, count);
                    }
                    writer.WriteEndObject();
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static ReferenceColumn ParseColumn(JsonElement column)
    {
        var kind = column.GetProperty("kind").GetString() switch
        {
            "numeric" => ColumnKind.Numeric,
            "categorical" => ColumnKind.Categorical,
            var other => throw new FormatException($"unknown column kind '{other}'"),
        };
        var name = column.GetProperty("name").GetString()!;
        var reason = column.TryGetProperty("notComparable", out var notComparable) ? notComparable.GetString() : null;
        var count = column.GetProperty("count").GetInt64();
        var missing = column.GetProperty("missing").GetInt64();
        return kind == ColumnKind.Numeric
            ? new ReferenceColumn(name, kind, count, missing)
            {
                Mean = column.GetProperty("mean").GetDouble(),
                Deviation = column.GetProperty("deviation").GetDouble(),
                Values = [.. column.GetProperty("values").EnumerateArray().Select(v => v.GetSingle())],
                NotComparable = reason,
            }
            : new ReferenceColumn(name, kind, count, missing)
            {
                Categories = column.GetProperty("categories").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64(), StringComparer.Ordinal),
                NotComparable = reason,
            };
    }

    /// <summary>A drift statistic as every message prints it: four decimals, and small p-values in scientific notation (1e-12 is not 0).</summary>
    public static string Format(double value) =>
        value != 0 && Math.Abs(value) < 0.0001 ? value.ToString("0.###E+0", CultureInfo.InvariantCulture) : value.ToString("0.####", CultureInfo.InvariantCulture);
}
