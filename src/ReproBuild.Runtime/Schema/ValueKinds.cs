namespace ReproBuild.Runtime.Schema;

/// <summary>How a type's values are ordered for minimum, maximum and their exclusive forms.</summary>
internal enum ValueOrder
{
    /// <summary>Not ordered: range constraints do not apply.</summary>
    None,

    /// <summary>By <see cref="CellValue.Double"/>.</summary>
    Double,

    /// <summary>By <see cref="CellValue.Long"/>.</summary>
    Long,

    /// <summary>By <see cref="CellValue.Long"/>, or <see cref="CellValue.Big"/> when set.</summary>
    Integer,
}

/// <summary>How enum and categories membership is decided for a type.</summary>
internal enum ValueMatch
{
    /// <summary>The cell text, ordinally.</summary>
    Text,

    /// <summary>Numerically, by <see cref="CellValue.Double"/>.</summary>
    Double,

    /// <summary>By <see cref="CellValue.Long"/>.</summary>
    Long,

    /// <summary>By <see cref="CellValue.Long"/> or <see cref="CellValue.Big"/>.</summary>
    Integer,

    /// <summary>By the canonical key of the value.</summary>
    Key,
}
