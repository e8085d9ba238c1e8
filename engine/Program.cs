using CustomerValue.LocalEngine.Hosting;

await PipelineHost.RunAsync(PipelineHost.Build(args));
