var builder = WebApplication.CreateBuilder(args);
builder.Services.AddQboEmulator(builder.Configuration.GetSection("QboEmulator"));
var app = builder.Build();
app.MapQboEmulator();
app.MapGet("/", () => Results.Redirect("/ui"));
app.Run();
