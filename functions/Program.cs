using CustomerValue.Functions.Hosting;

await PipelineHost.RunAsync(PipelineHost.Build(args));
