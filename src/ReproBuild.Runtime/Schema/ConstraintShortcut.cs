namespace ReproBuild.Runtime.Schema;

/// <summary>
/// A field's constraints compiled once, at schema load, for the many cells that meet them: the bounds as plain double
/// or long comparisons, the length counted on the span, the pattern and the allowed values tested as
/// <see cref="FieldConstraints"/> tests them. It only ever answers "meets them all"; a cell it does not vouch for goes to
/// <see cref="FieldConstraints.TryFindViolation"/>, the one place that decides which constraint a cell breaks and says
/// so, so every finding is the same with or without it.
/// </summary>
internal sealed class ConstraintShortcut
{
    private readonly FieldConstraints _constraints;
    private readonly FieldType _type;
    private readonly ValueOrder _order;

    // Double order: value >= _minimum && value > _exclusiveMinimum && value <= _maximum && value < _exclusiveMaximum
    // (an absent bound is an infinity, so an infinite value is left to the full check).
    private readonly double _minimum = double.NegativeInfinity;
    private readonly double _exclusiveMinimum = double.NegativeInfinity;
    private readonly double _maximum = double.PositiveInfinity;
    private readonly double _exclusiveMaximum = double.PositiveInfinity;

    // Long and integer order: value in [_low, _high], the exclusive bounds moved in by one.
    private readonly long _low = long.MinValue;
    private readonly long _high = long.MaxValue;

    private ConstraintShortcut(FieldConstraints constraints, FieldType type, ValueOrder order)
    {
        _constraints = constraints;
        _type = type;
        _order = order;
        if (order == ValueOrder.Double)
        {
            _minimum = constraints.Minimum?.Value.Double ?? _minimum;
            _exclusiveMinimum = constraints.ExclusiveMinimum?.Value.Double ?? _exclusiveMinimum;
            _maximum = constraints.Maximum?.Value.Double ?? _maximum;
            _exclusiveMaximum = constraints.ExclusiveMaximum?.Value.Double ?? _exclusiveMaximum;
        }
        else if (order != ValueOrder.None)
        {
            _low = Math.Max(constraints.Minimum?.Value.Long ?? long.MinValue, constraints.ExclusiveMinimum?.Value.Long + 1 ?? long.MinValue);
            _high = Math.Min(constraints.Maximum?.Value.Long ?? long.MaxValue, constraints.ExclusiveMaximum?.Value.Long - 1 ?? long.MaxValue);
        }
    }

    /// <summary>The shortcut for these constraints; null when a bound is one it cannot compare plainly (NaN, an integer beyond a long).</summary>
    public static ConstraintShortcut? For(FieldConstraints constraints, FieldType type)
    {
        Bound?[] bounds = [constraints.Minimum, constraints.ExclusiveMinimum, constraints.Maximum, constraints.ExclusiveMaximum];
        var present = bounds.Where(b => b is not null).Select(b => b!.Value.Value).ToArray();
        var order = present.Length == 0 ? ValueOrder.None : type.Order;
        var plain = order switch
        {
            ValueOrder.None => present.Length == 0,
            ValueOrder.Double => present.All(v => !double.IsNaN(v.Double)),
            // Moving an exclusive bound in by one must not overflow.
            ValueOrder.Long or ValueOrder.Integer => present.All(v => v.Big is null)
                && constraints.ExclusiveMinimum?.Value.Long != long.MaxValue
                && constraints.ExclusiveMaximum?.Value.Long != long.MinValue,
            _ => false,
        };
        return plain ? new ConstraintShortcut(constraints, type, order) : null;
    }

    /// <summary>True when <paramref name="text"/>, cast to <paramref name="value"/>, certainly meets every constraint.</summary>
    public bool Meets(ReadOnlySpan<char> text, in CellValue value)
    {
        switch (_order)
        {
            case ValueOrder.Double:
                var number = value.Double;
                if (!(number >= _minimum && number > _exclusiveMinimum && number <= _maximum && number < _exclusiveMaximum))
                {
                    return false;
                }
                break;
            case ValueOrder.Long:
            case ValueOrder.Integer:
                if (value.Big is not null || value.Long < _low || value.Long > _high)
                {
                    return false;
                }
                break;
        }
        var constraints = _constraints;
        if (constraints.MinLength is not null || constraints.MaxLength is not null)
        {
            var length = _type.Length(text, value);
            if (length < constraints.MinLength || length > constraints.MaxLength)
            {
                return false;
            }
        }
        return (constraints.Enum is null || constraints.Enum.Contains(text, value))
            && (constraints.Categories is null || constraints.Categories.Contains(text, value))
            && (constraints.Pattern is null || FieldConstraints.Matches(constraints.Pattern, text));
    }
}
