namespace ReproBuild.Runtime.Schema;

/// <summary>How a Table Schema's <c>fields</c> map onto the columns of the data (Table Schema v2 <c>fieldsMatch</c>).</summary>
internal enum FieldsMatch
{
    /// <summary>The same fields, mapped by position (the default).</summary>
    Exact,

    /// <summary>The same fields, mapped by name in any order.</summary>
    Equal,

    /// <summary>Every schema field is a column; the data may have more columns. Mapped by name.</summary>
    Subset,

    /// <summary>Every column is a schema field; the data may lack some. Mapped by name.</summary>
    Superset,

    /// <summary>At least one schema field is a column. Mapped by name.</summary>
    Partial,
}
