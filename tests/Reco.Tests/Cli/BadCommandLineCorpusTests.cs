using System.Security.Cryptography;

namespace Reco.Tests.Cli;

/// <summary>
/// Command lines a careless or hostile user might type: each ends with exit code 1 and one line on
/// standard error in the user's language (plus at most a "see --help" hint), no stack trace, no .NET type
/// name, and the input data left exactly as it was.
/// </summary>
[Collection(GlobalRandomSeed.Name)]
public sealed class BadCommandLineCorpusTests
{
    private static readonly Lazy<(string Data, string Model, string Csv)> Inputs = new(() =>
    {
        var data = MovieLensFiles.Write();
        var model = Path.Combine(TestData.TempDirectory(), "model");
        var (code, _, error) = CliRunner.Run("train", "popularity", "--data-dir", data, "--save", model).GetAwaiter().GetResult();
        Assert.True(code == 0, error);
        return (data, model, CliTests.WriteCsv());
    });

    /// <summary>Arguments (with {data}, {model} and {csv} standing for prepared inputs) and a fragment the error must contain.</summary>
    public static TheoryData<string, string> Cases => new()
    {
        { "train", "Required argument missing" },
        { "train nope --data-dir {data}", "'nope' is not an algorithm" },
        { "train als --data-dir {data} -o factors", "write key=value" },
        { "train als --data-dir {data} -o factors=four", "factors=four of als must be a whole number" },
        { "train als --data-dir {data} -o factors=0", "must be at least 1" },
        { "train als --data-dir {data} -o factors=1.5", "must be a whole number" },
        { "train als --data-dir {data} -o reg=NaN", "must be a finite number" },
        { "train als --data-dir {data} -o alpha=-3", "alpha of als is -3" },
        { "train als --data-dir {data} -o use-ratings=maybe", "true or false" },
        { "train als --data-dir {data} -o seed=1 -o seed=2", "given twice" },
        { "train item-knn --data-dir {data} -o similarity=manhattan", "cosine, adjusted-cosine, pearson or jaccard" },
        { "train item-knn --data-dir {data} -o centring=median", "none, means or baseline" },
        { "train average --data-dir {data} -o of=median", "global, user or item" },
        { "train blend --data-dir {data} -o holdout=1", "holdout of blend is 1" },
        { "train two-tower --data-dir {data} -o optimizer=rmsprop:0.1", "'rmsprop' is not an optimizer" },
        { "train two-tower --data-dir {data} -o optimizer=adagrad:-1", "not a learning rate" },
        { "train two-tower --data-dir {data} -o temperature=0", "must be at least 0.01" },
        { "train two-tower --data-dir {data} -o temperature=1e-30", "must be at least 0.01" },
        { "train two-tower --data-dir {data} --embedding-dim 8", "--embedding-dim" },
        { "train als --data-dir {data} --split random:1.5", "strictly between 0 and 1" },
        { "train als --data-dir {data} --split kfold:3", "one test share" },
        { "train als --data-dir {data} --split u1", "has none" },
        { "train als --data-dir {data} --split garbage", "'garbage' is neither a split (random:FRACTION" },
        { "train als --data-dir {data} --seed many", "--seed 'many' is not a whole number" },
        { "train als --data {csv} --data-dir {data}", "either --data or --data-dir" },
        { "train als --data {csv} --user-col user_id --item-col USER_ID", "the user id and the item id are both read from column 'user_id'" },
        { "train als --data {csv} --user-col user_id --item-col item_id --rating-col timestamp --time-col timestamp", "the rating and the time are both read from column 'timestamp'" },
        { "train content --data {csv}", "needs item features" },
        { "train als --data-dir {data} -o factors=2000000000", "would need about" },
        { "quickstart --data-dir {data} --batch-size 0", "--batch-size must be at least 1" },
        { "quickstart --data-dir {data} --embedding-dim -4", "--embedding-dim must be at least 1" },
        { "quickstart --data-dir {data} --learning-rate 0", "--learning-rate must be above 0" },
        { "quickstart --data-dir {data} --learning-rate 1e30", "Training diverged in epoch" },
        { "quickstart --data-dir {data}/nowhere", "reco datasets download ml-100k" },
        { "tutorial basic-retrieval --data-dir {data} --optimizer rmsprop", "'rmsprop' is not an optimizer" },
        { "tutorial basic-retrieval --data-dir {data} --split kfold:5", "one test share" },
        { "tutorial nope", "nope" },
        { "tutorial basic-ranking --data-dir {data} --seeds 1,,2", "--seeds '1,,2' has an empty entry" },
        { "tutorial basic-ranking --data-dir {data} --seeds 1,x", "--seeds: 'x' is not a whole number" },
        { "tutorial basic-ranking --data-dir {data} --seeds 3,1,3", "--seeds names 3 twice" },
        { "tutorial basic-ranking --data-dir {data} --seeds 99999999999", "'99999999999' is not a whole number" },
        { "tutorial listwise --data-dir {data} --seed 7 --seeds 1,2", "Give --seed or --seeds, not both" },
        { "recommend --model {model}", "--user" },
        { "recommend --model {model} --user 1 -k 0", "-k must be at least 1" },
        { "recommend --model {data} --user 1", "not a saved model" },
        { "recommend --model {data}/missing --user 1", "No model folder" },
        { "similar --model {model} --item 3", "does not compute item similarities" },
        { "evaluate --data-dir {data}", "Give either --model DIR or --algorithm NAME" },
        { "evaluate --model {model} --algorithm als --data-dir {data}", "Give either --model DIR or --algorithm NAME" },
        { "evaluate --algorithm als --data-dir {data} --protocol kfold:1", "at least 2" },
        { "evaluate --algorithm als --data-dir {data} --ks 5,x", "'x' is not a whole number" },
        { "evaluate --algorithm als --data-dir {data} --ks 1,,5", "--ks '1,,5' has an empty entry" },
        { "evaluate --algorithm als --data-dir {data} --ks ,", "--ks ',' has an empty entry" },
        { "evaluate --algorithm als --data-dir {data} --candidates some", "some" },
        { "evaluate --algorithm popularity --data {csv} --protocol random:0.8 --relevance-threshold NaN", "--relevance-threshold must be a finite number; got 'NaN'" },
        { "evaluate --algorithm popularity --data {csv} --protocol random:0.8 --relevance-threshold 1e39", "--relevance-threshold must be a finite number; got '1e39'" },
        { "train popularity --data {csv} --min-rating NaN", "--min-rating must be a finite number; got 'NaN'" },
        { "datasets info --data {csv} --min-rating -Infinity", "--min-rating must be a finite number; got '-Infinity'" },
        { "train popularity --data {csv} --min-rating abc", "--min-rating 'abc' is not a number" },
        { "evaluate --algorithm popularity --data {csv} --protocol random:0.8 --relevance-threshold ∞", "--relevance-threshold '∞' is not a number" },
        { "evaluate --model {model} --data {csv} --protocol random:0.8", "None of the test items is an item of the model" },
        { "compare --models , --data-dir {data} --protocol random:0.8", "names no model" },
        { "compare --models als --option ease:lambda=5 --data-dir {data} --protocol random:0.8", "must be ALGORITHM:key=value" },
        { "compare --models als,als --data-dir {data} --protocol random:0.8", "the same model twice" },
        { "datasets download ml-3m", "'ml-3m' is not a data set" },
        { "datasets info", "Name the data" },
        { "frobnicate", "frobnicate" },
        { "train als --data {csv} --json {csv}", "it is the input" },
        { "train als --data-dir {data} --json {data}", "it is a folder" },
        { "train als --data-dir {data} --save {data}", "is one of this command's inputs" },
        { "train item-knn --data-dir {data} --save {model}-knn --index ivf", "The item-knn model has no item vectors" },
        { "train als --data-dir {data} --index exact", "--index saves a vector index beside the model, so it needs --save DIR" },
        { "train als --data-dir {data} --save .", "it is the current folder" },
        { "train als --data-dir {data} --save /", "Cannot save the model to '/'" },
        { "train als --data {csv} --save {csv}", "is one of this command's inputs" },
        { "quickstart --data-dir {data} --json {data}/u.data", "inside the input folder" },
        { "compare --models als --data-dir {data} --protocol random:0.8 --html {model}/r.html", "inside the saved model folder" },
        { "compare --models als --data {csv} --protocol random:0.8 --plots {csv}", "is a file; give a folder" },
        { "evaluate --model {model} --data-dir {data} --csv {data}/u.item", "inside the input folder" },
        { "recommend --model {model} --user 1 --json {model}", "it is a saved model folder" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EndsWithOneLineInTheUsersLanguage(string command, string expected)
    {
        var (data, model, csv) = Inputs.Value;
        var before = Fingerprint(data, model, csv);
        var args = command.Replace("{data}", data, StringComparison.Ordinal).Replace("{model}", model, StringComparison.Ordinal).Replace("{csv}", csv, StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);

        var (code, _, error) = await CliRunner.Run(args);

        Assert.True(code == 1, $"{command}: exit code {code}, error: {error}");
        Assert.Contains(expected, error, StringComparison.Ordinal);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("error:", StringComparison.Ordinal) || l.StartsWith("See '", StringComparison.Ordinal)).ToArray();
        Assert.True(lines.Length is 1 or 2, $"{command}: {error}");
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.Equal(before, Fingerprint(data, model, csv));
    }

    private static string Fingerprint(params string[] paths)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var path in paths)
        {
            var files = Directory.Exists(path) ? Directory.GetFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal) : (IEnumerable<string>)[path];
            foreach (var file in files)
            {
                hash.AppendData(System.Text.Encoding.UTF8.GetBytes(file));
                hash.AppendData(File.ReadAllBytes(file));
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
