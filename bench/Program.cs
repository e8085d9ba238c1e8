using CustomerValue.Bench;

// Benchmarks: `dotnet run -c Release --project bench -- <name> [options]`. Each prints a table and the machine it ran on.
return await BenchCatalog.RunAsync(args);
