using ReproBuild.Serving;

// Serves every model the build embedded in Cancer.dll, each checked against its stamped SHA-256 before it answers.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddReproBuildServing(typeof(Cancer.ModelsMarker).Assembly);

var app = builder.Build();
app.MapReproBuildServing();
app.Run();
