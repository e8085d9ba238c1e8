using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CustomerValue.Sentiment;

namespace CustomerValue.Bench;

/// <summary>
/// `sentiment [--runs N] [--data DIR]`: accuracy (Pearson r against the human mean, macro F1 over three classes) and
/// throughput (documents per second on one core, median of N timed runs after a warm-up) on the three VADER
/// ground-truth corpora, for the faithful reference scorer, the default scorer, the full embedded analyzer and,
/// measured in the same run, the npm port vader-sentiment@1.1.3 (bench/vader-node, installed with `npm ci` when
/// node_modules is missing). Then an ablation table: the default scorer with each extra rule (and the AFINN
/// supplement) left out in turn, accuracy only, so each addition's effect on each corpus is visible.
/// The process is pinned to one CPU before anything runs; the node child inherits the pinning.
/// </summary>
internal static class SentimentBench
{
    private static readonly (string File, string Name, double PublishedR)[] Corpora =
    [
        ("tweets_GroundTruth.txt", "tweets", 0.881),
        ("movieReviewSnippets_GroundTruth.txt", "movie snippets", 0.451),
        ("amazonReviewSnippets_GroundTruth.txt", "amazon snippets", 0.565),
    ];

    /// <summary>Each timed run repeats the corpus until it lasts at least this long, to keep timer noise small.</summary>
    private static readonly TimeSpan MinRunDuration = TimeSpan.FromMilliseconds(250);

    private sealed record Row(string Corpus, string Engine, int Documents, double R, double PublishedR, double MacroF1, double DocsPerSecond);

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = int.Parse(OptionValue(args, "--runs") ?? "7", CultureInfo.InvariantCulture);
        var repoRoot = CustomerValue.Testing.RepoPaths.Root;
        var dataDir = OptionValue(args, "--data") ?? Path.GetFullPath(Path.Combine(repoRoot, "..", "shared", "data", "vader", "ground_truth"));
        var nodeDir = Path.Combine(repoRoot, "bench", "vader-node");
        if (runs < 5) { Console.Error.WriteLine("--runs must be at least 5"); return 2; }

        PinToOneCore();
        var corpora = Corpora.Select(c => (c.Name, c.PublishedR, Path: Path.Combine(dataDir, c.File), Items: SentimentAccuracy.ReadGroundTruth(Path.Combine(dataDir, c.File)))).ToList();
        Console.WriteLine($"data: {dataDir} ({string.Join(", ", corpora.Select(c => $"{c.Name} {c.Items.Count}"))} texts); runs: {runs} (median)");

        var rows = new List<Row>();
        var node = await RunNodePeerAsync(nodeDir, runs, corpora.Select(c => c.Path).ToList());
        var reference = VaderScorer.Reference;
        var scorer = VaderScorer.Default;
        var analyzer = new EmbeddedSentimentAnalyzer(VaderScorer.Default, AspectAnalyzer.Default);
        // Tiered JIT: run every engine over every corpus first, so that the first timed engine is not the one that
        // pays for compilation (pinned to one core, the background tier-up competes with the timed run).
        var warmUntil = Stopwatch.StartNew();
        while (warmUntil.Elapsed < TimeSpan.FromSeconds(2))
            foreach (var corpus in corpora)
                foreach (var item in corpus.Items) { reference.Score(item.Text); scorer.Score(item.Text); analyzer.Analyze(new SentimentDocument(item.Id, item.Text)); }
        for (var c = 0; c < corpora.Count; c++)
        {
            var (name, published, _, items) = corpora[c];
            var texts = items.Select(i => i.Text).ToArray();
            var documents = items.Select(i => new SentimentDocument(i.Id, i.Text)).ToArray();

            var referenceCompounds = texts.Select(t => reference.Score(t).Compound).ToList();
            rows.Add(MakeRow(name, "C# VaderScorer.Reference (vaderSentiment 3.3 rules and lexicon)", items, referenceCompounds, published,
                MedianDocsPerSecond(runs, texts.Length, () => { foreach (var t in texts) reference.Score(t); })));

            var scorerCompounds = texts.Select(t => scorer.Score(t).Compound).ToList();
            rows.Add(MakeRow(name, "C# VaderScorer.Default (+AFINN words, extra rules)", items, scorerCompounds, published,
                MedianDocsPerSecond(runs, texts.Length, () => { foreach (var t in texts) scorer.Score(t); })));

            var analyzerCompounds = documents.Select(d => analyzer.Analyze(d).Compound).ToList();
            rows.Add(MakeRow(name, "C# EmbeddedSentimentAnalyzer (clean, language check, sentences, aspects)", items, analyzerCompounds, published,
                MedianDocsPerSecond(runs, documents.Length, () => { foreach (var d in documents) analyzer.Analyze(d); })));

            if (node is not null)
            {
                var corpus = node.Value.GetProperty("corpora")[c];
                var compounds = corpus.GetProperty("compounds").EnumerateArray().Select(e => e.GetDouble()).ToList();
                var millis = corpus.GetProperty("millis").EnumerateArray().Select(e => e.GetDouble()).ToList();
                rows.Add(MakeRow(name, $"npm vader-sentiment@{node.Value.GetProperty("version").GetString()} (node {node.Value.GetProperty("node").GetString()})",
                    items, compounds, published, items.Count / (Median(millis) / 1000.0)));
            }
        }
        PrintTable(rows, runs);
        PrintAblation(corpora.Select(c => (c.Name, c.Items)).ToList());
        return 0;
    }

    /// <summary>The default scorer with one addition left out at a time: r per corpus and its change against the
    /// default (negative = the addition helps that corpus).</summary>
    private static void PrintAblation(IReadOnlyList<(string Name, IReadOnlyList<GroundTruthItem> Items)> corpora)
    {
        var all = VaderOptions.Default;
        var variants = new List<(string Name, VaderScorer Scorer)>
        {
            ("default (everything on)", VaderScorer.Default),
            ("- AFINN supplement", new VaderScorer(VaderLexicon.Reference, all)),
            ("- ExtendedContrast", new VaderScorer(VaderLexicon.Default, all with { ExtendedContrast = false })),
            ("- ClauseBoundedModifiers", new VaderScorer(VaderLexicon.Default, all with { ClauseBoundedModifiers = false })),
            ("- NegationIdioms", new VaderScorer(VaderLexicon.Default, all with { NegationIdioms = false })),
            ("- NoNegatesNextWordOnly", new VaderScorer(VaderLexicon.Default, all with { NoNegatesNextWordOnly = false })),
            ("- SkipSingleCharacterWords", new VaderScorer(VaderLexicon.Default, all with { SkipSingleCharacterWords = false })),
            ("- NearestNegatorOnly", new VaderScorer(VaderLexicon.Default, all with { NearestNegatorOnly = false })),
            ("- ElongatedWords", new VaderScorer(VaderLexicon.Default, all with { ElongatedWords = false })),
            ("- InflectedForms", new VaderScorer(VaderLexicon.Default, all with { InflectedForms = false })),
            ("- NonAssertiveClauses", new VaderScorer(VaderLexicon.Default, all with { NonAssertiveClauses = false })),
            ("- ShortWordsWithPunctuation", new VaderScorer(VaderLexicon.Default, all with { ShortWordsWithPunctuation = false })),
            ("- CapitalDFaces", new VaderScorer(VaderLexicon.Default, all with { CapitalDFaces = false })),
            ("reference (everything off)", VaderScorer.Reference),
        };
        var baseline = new double[corpora.Count];
        Console.WriteLine();
        Console.WriteLine($"ablation (r; change against the default in brackets); AFINN supplement: {VaderLexicon.Default.SupplementWordCount} words, scale {VaderLexicon.Default.SupplementScale:0.000}");
        Console.WriteLine($"| scorer | {string.Join(" | ", corpora.Select(c => c.Name))} |");
        Console.WriteLine($"|---|{string.Concat(corpora.Select(_ => "---:|"))}");
        foreach (var (name, variant) in variants)
        {
            var cells = new List<string>();
            for (var c = 0; c < corpora.Count; c++)
            {
                var items = corpora[c].Items;
                var r = SentimentAccuracy.Pearson(items.Select(i => i.HumanMean).ToList(), items.Select(i => variant.Score(i.Text).Compound).ToList());
                if (ReferenceEquals(variant, VaderScorer.Default)) baseline[c] = r;
                cells.Add(ReferenceEquals(variant, VaderScorer.Default)
                    ? r.ToString("0.0000", CultureInfo.InvariantCulture)
                    : string.Create(CultureInfo.InvariantCulture, $"{r:0.0000} ({r - baseline[c]:+0.0000;-0.0000;0.0000})"));
            }
            Console.WriteLine($"| {name} | {string.Join(" | ", cells)} |");
        }
    }

    private static Row MakeRow(string corpus, string engine, IReadOnlyList<GroundTruthItem> items, IReadOnlyList<double> compounds, double published, double docsPerSecond)
    {
        var human = items.Select(i => i.HumanMean).ToList();
        var r = SentimentAccuracy.Pearson(human, compounds);
        var f1 = SentimentAccuracy.MacroF1(human.Select(SentimentAccuracy.HumanClass).ToList(), compounds.Select(SentimentAccuracy.CompoundClass).ToList());
        return new Row(corpus, engine, items.Count, r, published, f1, docsPerSecond);
    }

    private static double MedianDocsPerSecond(int runs, int documents, Action scoreAll)
    {
        var warmup = Stopwatch.StartNew();
        scoreAll();
        var repetitions = Math.Max(1, (int)Math.Ceiling(MinRunDuration.TotalMilliseconds / Math.Max(0.001, warmup.Elapsed.TotalMilliseconds)));
        var rates = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var clock = Stopwatch.StartNew();
            for (var k = 0; k < repetitions; k++) scoreAll();
            rates.Add(documents * repetitions / clock.Elapsed.TotalSeconds);
        }
        return Median(rates);
    }

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static void PrintTable(List<Row> rows, int runs)
    {
        Console.WriteLine();
        Console.WriteLine($"| corpus | engine | texts | r | published r | macro F1 | docs/s (1 core, median of {runs}) | vs npm |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            var npm = rows.FirstOrDefault(x => x.Corpus == row.Corpus && x.Engine.StartsWith("npm", StringComparison.Ordinal));
            var ratio = npm is null ? "n/a" : $"{row.DocsPerSecond / npm.DocsPerSecond:0.0}x";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Corpus} | {row.Engine} | {row.Documents} | {row.R:0.0000} | {row.PublishedR:0.000} | {row.MacroF1:0.0000} | {row.DocsPerSecond:N0} | {ratio} |"));
        }
    }

    private static async Task<JsonElement?> RunNodePeerAsync(string nodeDir, int runs, IReadOnlyList<string> files)
    {
        try
        {
            if (!Directory.Exists(Path.Combine(nodeDir, "node_modules", "vader-sentiment")))
            {
                Console.WriteLine("installing the npm peer: npm ci");
                var (install, installError) = await RunProcessAsync("npm", ["ci", "--no-audit", "--no-fund"], nodeDir);
                if (install != 0) { Console.Error.WriteLine($"npm ci failed: {installError}"); return null; }
            }
            var arguments = new List<string> { "score.js", runs.ToString(CultureInfo.InvariantCulture) };
            arguments.AddRange(files);
            var psi = new ProcessStartInfo("node") { WorkingDirectory = nodeDir, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in arguments) psi.ArgumentList.Add(a);
            using var process = Process.Start(psi)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0) { Console.Error.WriteLine($"node score.js failed: {await stderr}"); return null; }
            return JsonDocument.Parse(await stdout).RootElement.Clone();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Console.Error.WriteLine($"npm peer skipped: {e.Message} (is node installed?)");
            return null;
        }
    }

    private static async Task<(int ExitCode, string Error)> RunProcessAsync(string file, IEnumerable<string> arguments, string directory)
    {
        var psi = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stderr);
    }

    private static void PinToOneCore()
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
        {
            Process.GetCurrentProcess().ProcessorAffinity = 1;
            Console.WriteLine("pinned to CPU 0 (node inherits the pinning)");
        }
    }

    private static string? OptionValue(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
