using System.CommandLine;
using CustomerValue.Cli.Commands;

// `roi`: the command-line face of the pipeline. Each command lives in Commands/ and only parses
// arguments, calls the core library and prints.
var root = new RootCommand("roi: customer value pipeline - upload data, inspect files, score sentiment, fit CLV models, report.");
foreach (var command in CommandCatalog.All())
    root.Subcommands.Add(command);
return await root.Parse(args).InvokeAsync();
