namespace ReproBuild.Serving;

/// <summary>One reason a request's rows do not fit the model: which row (0-based), which field, which rule.</summary>
/// <param name="Row">The row's 0-based index in the request; null for a problem with the columns of a whole <c>dataframe_split</c>.</param>
/// <param name="Field">The field (column) name; null when the problem is the row's shape itself.</param>
/// <param name="Rule">
/// <c>unknown-field</c>, <c>missing-field</c>, <c>duplicate-field</c>, <c>json-type</c> (a JSON value of the wrong kind),
/// <c>not-an-object</c>, or the Table Schema rule the value breaks: <c>type</c>, <c>required</c>, <c>range</c>,
/// <c>length</c>, <c>pattern</c>, <c>enum</c>.
/// </param>
/// <param name="Code">The RB code the build gives the same problem in a data file (RB2001, RB2010–RB2016), when there is one.</param>
/// <param name="Detail">One line for a person.</param>
public sealed record InputProblem(int? Row, string? Field, string Rule, string? Code, string Detail);
