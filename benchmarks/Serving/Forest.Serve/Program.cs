using ReproBuild.Serving;

var builder = WebApplication.CreateBuilder(args);
// As the Flask side: no request log.
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddReproBuildServing(typeof(Forest.ForestMarker).Assembly);

var app = builder.Build();
app.MapReproBuildServing();
app.Run();
