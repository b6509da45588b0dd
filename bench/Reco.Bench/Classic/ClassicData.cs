using System.Globalization;
using Reco.Data;
using Reco.Data.MovieLens;

namespace Reco.Bench.Classic;

/// <summary>MovieLens 100k as interactions, and the splits the classic benchmarks use.</summary>
internal sealed class ClassicData
{
    private ClassicData(string folder, Interactions all)
    {
        Folder = folder;
        All = all;
    }

    public string Folder { get; }

    public Interactions All { get; }

    public static ClassicData Load(string folder) => new(folder, MovieLens100K.Load(folder).ToInteractions());

    /// <summary>The rows of a u.data-format file (u1.base, …) over the id maps of <see cref="All"/>.</summary>
    public Interactions File(string name)
    {
        var lines = System.IO.File.ReadAllLines(Path.Combine(Folder, name));
        var u = new int[lines.Length];
        var i = new int[lines.Length];
        var r = new float[lines.Length];
        for (int row = 0; row < lines.Length; row++)
        {
            var f = lines[row].Split('\t');
            u[row] = All.Users.IndexOf(f[0]);
            i[row] = All.Items.IndexOf(f[1]);
            r[row] = float.Parse(f[2], CultureInfo.InvariantCulture);
        }

        return new Interactions(All.Users, All.Items, u, i, r);
    }

    /// <summary>Surprise's KFold(n_splits=5, shuffle=True): a seeded shuffle of all rows cut into 5 folds.</summary>
    public IEnumerable<(Interactions Train, Interactions Test)> Folds(int folds, int seed)
    {
        var order = Enumerable.Range(0, All.Count).ToArray();
        new Random(seed).Shuffle(order);
        for (int f = 0; f < folds; f++)
        {
            int start = f * All.Count / folds;
            int end = (f + 1) * All.Count / folds;
            var test = order[start..end];
            var train = order[..start].Concat(order[end..]).ToArray();
            yield return (All.Subset(train), All.Subset(test));
        }
    }

    /// <summary>
    /// microsoft/recommenders' python_stratified_split(ratio=0.75, seed=42) in spirit: each user's rows
    /// shuffled with the seed, the first 75% (rounded) to train, the rest to test.
    /// </summary>
    public (Interactions Train, Interactions Test) Stratified(double ratio, int seed)
    {
        var random = new Random(seed);
        var train = new List<int>();
        var test = new List<int>();
        foreach (var rows in Enumerable.Range(0, All.Count).GroupBy(row => All.UserIndices[row]).OrderBy(g => g.Key))
        {
            var shuffled = rows.ToArray();
            random.Shuffle(shuffled);
            int cut = (int)Math.Round(shuffled.Length * ratio);
            train.AddRange(shuffled[..cut]);
            test.AddRange(shuffled[cut..]);
        }

        return (All.Subset([.. train]), All.Subset([.. test]));
    }
}
