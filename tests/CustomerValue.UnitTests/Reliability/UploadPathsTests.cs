using CustomerValue.Storage.Uploads;

namespace CustomerValue.Tests.Reliability;

public class UploadPathsTests
{
    [Theory]
    [InlineData("transactions/../customers/x.csv", "'..'")]
    [InlineData("transactions/./x.csv", "'..'")]
    [InlineData("x.csv", "kind folder")]
    [InlineData("transactions/a\u0000b.csv", "control")]
    [InlineData("transactions/invoice\u202Efdp.csv", "right-to-left")]
    public void Path_tricks_are_refused_with_a_reason(string path, string reasonPart)
    {
        Assert.Contains(reasonPart, UploadPaths.Problem(path));
    }

    [Fact]
    public void A_lone_surrogate_is_refused() =>
        // Built here: test-case serialisation would turn a lone surrogate into U+FFFD.
        Assert.Contains("lone surrogate", UploadPaths.Problem("transactions/" + '\uD800' + ".csv"));

    [Fact]
    public void Very_long_names_are_refused()
    {
        Assert.Contains("1030 characters", UploadPaths.Problem("transactions/" + new string('a', 1017)));
    }

    [Theory]
    [InlineData("transactions/2024 sales.csv")]
    [InlineData("surveys/Umfrage_Größe_😀.csv")]
    [InlineData("transactions/folder/sub.csv")]
    public void Ordinary_names_including_unicode_are_accepted(string path) => Assert.Null(UploadPaths.Problem(path));

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..", "upload")]
    [InlineData("C:\\temp\\a.csv", "C:_temp_a.csv")]
    public void SafeFileName_keeps_only_a_harmless_last_segment(string input, string expected) =>
        Assert.Equal(expected, UploadPaths.SafeFileName(input));
}
