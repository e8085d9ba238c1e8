using CustomerValue.Application.Settings;
using CustomerValue.Functions.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The deployable app: the Functions host runs the triggers (from functions.metadata) and calls this worker.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication(); // HTTP through ASP.NET Core: HttpRequest in, IResult out
builder.Configuration.AddPipelineDefaults(); // beneath the app settings, as in the local engine
FunctionsAppServices.Configure(builder.Services, builder.Configuration);
builder.Build().Run();
