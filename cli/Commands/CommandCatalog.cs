using System.CommandLine;

namespace CustomerValue.Cli.Commands;

/// <summary>Every command of the tool, in the order `roi --help` lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return UploadCommand.Create();
        yield return UploadsCommand.Create();
        yield return SnapshotCommand.Create();
        yield return FailuresCommand.Create();
        yield return FailuresCommand.CreateReplay();
        yield return InspectCommand.Create();
        yield return ClvCommand.Create();
        yield return SentimentCommand.Create();
        yield return ReportCommand.Create();
        yield return KeysCommand.Create();
    }
}
