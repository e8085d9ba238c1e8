using System.Globalization;
using CustomerValue.Statistics;

namespace CustomerValue.Sentiment;

/// <summary>One human-rated text of a VADER ground-truth file: id, mean rating (-4..+4), text.</summary>
public sealed record GroundTruthItem(string Id, double HumanMean, string Text);

/// <summary>Accuracy figures as the VADER paper reports them: Pearson r against the human mean, and macro F1
/// over three classes (human mean &gt; 0.5 positive, &lt; -0.5 negative; compound &gt;= 0.05 positive, &lt;= -0.05 negative).</summary>
public static class SentimentAccuracy
{
    public const double HumanClassThreshold = 0.5;

    /// <summary>Reads <c>id TAB mean TAB text</c> lines (CRLF or LF, optional BOM).</summary>
    public static IReadOnlyList<GroundTruthItem> ReadGroundTruth(string path)
    {
        var items = new List<GroundTruthItem>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var fields = line.Split('\t', 3);
            if (fields.Length < 3 || !double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var mean))
                throw new FormatException($"{path}: line {lineNumber}: expected 'id<TAB>mean<TAB>text'.");
            items.Add(new GroundTruthItem(fields[0].TrimStart('\uFEFF'), mean, fields[2]));
        }
        return items;
    }

    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count || x.Count < 2) throw new ArgumentException("Pearson r needs two series of equal length >= 2.");
        // Undefined (a constant series) stays NaN, as a plain computation would give.
        return Correlation.Pearson(x.Zip(y)).R ?? double.NaN;
    }

    public static int HumanClass(double mean) => mean > HumanClassThreshold ? 1 : mean < -HumanClassThreshold ? -1 : 0;
    public static int CompoundClass(double compound) => compound >= SentimentLabeler.Threshold ? 1 : compound <= -SentimentLabeler.Threshold ? -1 : 0;

    /// <summary>Unweighted mean of the per-class F1 over the classes -1, 0, 1 (a class absent from both sides is skipped).</summary>
    public static double MacroF1(IReadOnlyList<int> truth, IReadOnlyList<int> predicted)
    {
        var f1s = new List<double>();
        foreach (var c in new[] { -1, 0, 1 })
        {
            int tp = 0, fp = 0, fn = 0;
            for (var i = 0; i < truth.Count; i++)
            {
                if (predicted[i] == c && truth[i] == c) tp++;
                else if (predicted[i] == c) fp++;
                else if (truth[i] == c) fn++;
            }
            if (tp + fp + fn == 0) continue;
            f1s.Add(2.0 * tp / (2.0 * tp + fp + fn));
        }
        return f1s.Average();
    }
}
