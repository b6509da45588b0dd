using System.Text;
using Reco.Data.Features;
using Reco.Data.Sources;
using Reco.Data.Parsing;
using Reco.Data.Sources.Text;

namespace Reco.Data.MovieLens;

/// <summary>
/// Reads MovieLens 1M's <c>users.dat</c> (<c>UserID::Gender::Age::Occupation::Zip-code</c>) or 100k's <c>u.user</c>
/// (<c>user id | age | gender | occupation | zip code</c>) into categorical user features.
/// </summary>
internal static class UserFileReader
{
    private static readonly string[] Names = ["gender", "age", "occupation", "zip"];

    /// <summary>The features of the users in <paramref name="users"/>, or null when the folder has no users.dat (10M) or u.user.</summary>
    public static FeatureTable? Read(string folder, IdMap users)
    {
        bool release100K = !File.Exists(Path.Combine(folder, "users.dat"));
        string file = release100K ? "u.user" : "users.dat";
        string path = Path.Combine(folder, file);
        if (!File.Exists(path))
        {
            return null;
        }

        // Field of each feature (gender, age, occupation, zip) after the id.
        int[] order = release100K ? [2, 1, 3, 4] : [1, 2, 3, 4];
        var table = new FeatureTable(users);
        var columns = Names.Select(n => table.Add(n, FeatureKind.Categorical)).ToArray();
        var lines = new ByteLineEnumerator(File.ReadAllBytes(path));
        var splitter = new RecordSplitter(release100K ? "|"u8.ToArray() : "::"u8.ToArray());
        var fields = new FieldRef[5];
        while (lines.MoveNext())
        {
            var line = lines.Current.TrimEnd("\r"u8);
            if (line.IsEmpty && release100K)
            {
                continue;
            }

            if (splitter.Split(line, fields) != 5)
            {
                throw new DataFormatException(new BadRow(file, "line", lines.LineNumber, null, release100K
                    ? "expected 5 fields separated by '|' (user id|age|gender|occupation|zip code)"
                    : "expected 5 fields separated by '::' (UserID::Gender::Age::Occupation::Zip-code)"));
            }

            // Users without ratings are not given an index: the features describe the loaded users.
            if (users.TryGetIndex(Encoding.Latin1.GetString(splitter.Get(line, fields[0])).Trim(), out int index))
            {
                for (int c = 0; c < columns.Length; c++)
                {
                    columns[c].SetValues(index, [Encoding.Latin1.GetString(splitter.Get(line, fields[order[c]])).Trim()]);
                }
            }
        }

        return table;
    }
}
