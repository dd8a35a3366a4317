namespace ReproBuild.Runtime.Schema;

/// <summary>Finds the Table Schema of a named resource in a datapackage.json: inline, or a file relative to the package.</summary>
internal static class DataPackage
{
    /// <summary>The resource's schema node (in the package, or the root of the schema file it names); null after reporting why not.</summary>
    public static DescriptorNode? ResolveSchema(DescriptorDocument package, string resource, SchemaReporter report)
    {
        var root = package.Root;
        if (!root.IsObject || root.Property("resources") is not { Value.IsArray: true } resources)
        {
            package.Fail(
                ErrorCodes.InvalidSchema,
                $"this is not a data package (it has no 'resources' array), so its resource '{resource}' cannot be found; point Schema at a Table Schema file, or remove Resource.",
                root.Start);
            return null;
        }

        DescriptorNode? found = null;
        var names = new List<string>();
        foreach (var candidate in resources.Value.Items)
        {
            if (candidate["name"] is { IsString: true } name)
            {
                names.Add(name.Text!);
                if (found is null && name.Text == resource)
                {
                    found = candidate;
                }
            }
        }
        if (found is null)
        {
            var known = names.Count == 0 ? "it has none with a name" : $"its resources are: {string.Join(", ", names)}";
            package.Fail(ErrorCodes.InvalidSchema, $"resource '{resource}' is not in this data package; {known}.", resources.NameStart);
            return null;
        }

        switch (found["schema"])
        {
            case null:
                package.Fail(ErrorCodes.InvalidSchema, $"resource '{resource}' has no 'schema' to validate against.", found.Start);
                return null;
            case { IsObject: true } inline:
                return inline;
            case { IsString: true } reference:
                return ReadReferenced(package, reference, resource, report);
            case var other:
                package.Fail(ErrorCodes.InvalidSchema, $"the 'schema' of resource '{resource}' must be an object or a path to a schema file, not {other.KindName}.", other.Start);
                return null;
        }
    }

    private static DescriptorNode? ReadReferenced(DescriptorDocument package, DescriptorNode reference, string resource, SchemaReporter report)
    {
        var relative = reference.Text!;
        if (relative.Contains("://", StringComparison.Ordinal))
        {
            package.Fail(
                ErrorCodes.InvalidSchema,
                $"the schema '{relative}' of resource '{resource}' is remote; only a path relative to the data package is supported.",
                reference.Start);
            return null;
        }
        if (relative.Length == 0 || Path.IsPathRooted(relative) || relative.Split('/', '\\').Contains(".."))
        {
            // The Data Package spec forbids absolute paths and '..' for security; they would also make a build depend on the machine.
            package.Fail(
                ErrorCodes.InvalidSchema,
                $"the schema path '{relative}' of resource '{resource}' must be relative to the data package, without '..'.",
                reference.Start);
            return null;
        }
        var path = Path.Combine(Path.GetDirectoryName(package.File) ?? "", relative);
        if (!File.Exists(path))
        {
            package.Fail(ErrorCodes.InvalidSchema, $"the schema file '{relative}' of resource '{resource}' does not exist (looked for {path}).", reference.Start);
            return null;
        }
        return DescriptorDocument.Read(path, report)?.Root;
    }
}
