using ReproBuild.Runtime.Schema;

namespace ReproBuild.Engine.Tests.Schema;

[TestClass]
public sealed class DataPackageTests : TempFolderTest
{
    private const string Package = """
        {
          "name": "fruit-shop",
          "resources": [
            {
              "name": "prices",
              "path": "prices.csv",
              "schema": {
                "fields": [
                  {"name": "fruit", "type": "string"},
                  {"name": "price", "type": "number", "rdfType": "http://schema.org/price"}
                ]
              }
            },
            {
              "name": "stock",
              "path": "stock.csv",
              "schema": "schemas/stock.json"
            },
            {
              "name": "orders",
              "path": "orders.csv"
            }
          ]
        }
        """;

    [TestMethod]
    public void InlineSchema()
    {
        var load = SchemaKit.Load(Temp, Package, resource: "prices", name: "datapackage.json");
        Assert.IsNotNull(load.Schema, load.Output);
        CollectionAssert.AreEqual(new[] { "fruit", "price" }, load.Schema.Fields.Select(f => f.Name).ToArray());
        Assert.AreEqual(load.Path, load.Schema.File);
        // Inline warnings carry the path inside the package and the package's position.
        var warning = load.Warnings.Single();
        Assert.AreEqual("resources[0].schema.fields[1].rdfType is not supported and is ignored.", warning.Message);
        Assert.AreEqual((10, 47), (warning.Line, warning.Column));
        Assert.AreEqual(load.Path, warning.File);
    }

    [TestMethod]
    public void SchemaByRelativePath()
    {
        var schemaPath = Temp.Write("schemas/stock.json", "{\"fields\": [{\"name\": \"fruit\"}, {\"name\": \"count\", \"type\": \"integer\"}],\n \"primaryKey\": \"fruit\"}");
        var load = SchemaKit.Load(Temp, Package, resource: "stock", name: "datapackage.json");
        Assert.IsNotNull(load.Schema, load.Output);
        Assert.IsEmpty(load.Errors, load.Output);
        CollectionAssert.AreEqual(new[] { "fruit" }, load.Schema.PrimaryKey.ToArray());
        Assert.AreEqual(Path.GetFullPath(schemaPath), Path.GetFullPath(load.Schema.File));
    }

    [TestMethod]
    public void ErrorsInAReferencedSchemaPointIntoThatFile()
    {
        var schemaPath = Temp.Write("schemas/stock.json", "{\"fields\": [\n {\"name\": \"count\", \"type\": \"int\"}]}");
        var error = SchemaKit.Load(Temp, Package, resource: "stock", name: "datapackage.json").SingleError(ErrorCodes.InvalidSchema);
        Assert.AreEqual(Path.GetFullPath(schemaPath), Path.GetFullPath(error.File));
        Assert.AreEqual((2, 28), (error.Line, error.Column));
    }

    [TestMethod]
    public void UnknownResourceListsTheResources()
    {
        var load = SchemaKit.Load(Temp, Package, resource: "sales", name: "datapackage.json");
        var error = load.SingleError(ErrorCodes.InvalidSchema);
        Assert.AreEqual("resource 'sales' is not in this data package; its resources are: prices, stock, orders.", error.Message);
        Assert.AreEqual((3, 3), (error.Line, error.Column));
    }

    [TestMethod]
    public void ResourceWithoutSchema()
    {
        var error = SchemaKit.Load(Temp, Package, resource: "orders", name: "datapackage.json").SingleError(ErrorCodes.InvalidSchema);
        Assert.AreEqual("resource 'orders' has no 'schema' to validate against.", error.Message);
        Assert.AreEqual((19, 5), (error.Line, error.Column));
    }

    [TestMethod]
    public void MissingSchemaFile()
    {
        var error = SchemaKit.Load(Temp, Package, resource: "stock", name: "datapackage.json").SingleError(ErrorCodes.InvalidSchema);
        StringAssert.StartsWith(error.Message, "the schema file 'schemas/stock.json' of resource 'stock' does not exist");
        Assert.AreEqual((17, 17), (error.Line, error.Column));
    }

    [TestMethod]
    [DataRow("https://example.org/schema.json", "is remote")]
    [DataRow("../schema.json", "must be relative to the data package")]
    [DataRow("/etc/schema.json", "must be relative to the data package")]
    public void UnsafeSchemaPaths(string path, string expected)
    {
        var package = $"{{\"resources\": [{{\"name\": \"r\", \"schema\": \"{path}\"}}]}}";
        StringAssert.Contains(SchemaKit.Load(Temp, package, resource: "r", name: "datapackage.json").SingleError(ErrorCodes.InvalidSchema).Message, expected);
    }

    [TestMethod]
    public void ResourceOfSomethingThatIsNotAPackage()
    {
        var error = SchemaKit.Load(Temp, "{\"fields\": []}", resource: "r").SingleError(ErrorCodes.InvalidSchema);
        StringAssert.StartsWith(error.Message, "this is not a data package");
    }

    [TestMethod]
    public void PackageWithoutResourceNamesTheResources()
    {
        var error = SchemaKit.Load(Temp, Package, name: "datapackage.json").SingleError(ErrorCodes.InvalidSchema);
        Assert.AreEqual(
            "this is a data package, not a Table Schema: name one of its resources (prices, stock, orders) in the Dataset's Resource metadata.",
            error.Message);
        Assert.AreEqual((3, 3), (error.Line, error.Column));
    }
}
