using System.Text;

namespace Reco.Tests;

/// <summary>Writes small MovieLens-100k-format folders (u.data, u.item) for tests.</summary>
internal static class MovieLensFiles
{
    /// <summary>
    /// A folder with <paramref name="users"/> users and <paramref name="movies"/> movies in two taste
    /// clusters, <paramref name="ratingsPerUser"/> ratings each. Titles include a Latin-1 character and
    /// one repeated title, as in the real file.
    /// </summary>
    public static string Write(int users = 30, int movies = 40, int ratingsPerUser = 12, int seed = 1)
    {
        var dir = TestData.TempDirectory();
        var random = new Random(seed);
        var item = new StringBuilder();
        for (int m = 1; m <= movies; m++)
        {
            string title = m == movies ? "Movie 1 (1995)" : m == 2 ? "Señorita (1996)" : $"Movie {m} (1995)";
            var genres = string.Join('|', Enumerable.Range(0, 19).Select(g => g == m % 19 ? "1" : "0"));
            item.Append(m).Append('|').Append(title).Append("|01-Jan-1995||http://example.invalid/").Append(m).Append('|').Append(genres).Append('\n');
        }

        File.WriteAllText(Path.Combine(dir, "u.item"), item.ToString(), Encoding.Latin1);

        var data = new StringBuilder();
        for (int u = 1; u <= users; u++)
        {
            // Distinct movies of the user's parity, as MovieLens has one rating per user and movie.
            var own = Enumerable.Range(1, movies).Where(m => m % 2 == u % 2).OrderBy(_ => random.Next()).Take(ratingsPerUser).ToArray();
            for (int r = 0; r < own.Length; r++)
            {
                data.Append(u).Append('\t').Append(own[r]).Append('\t').Append(1 + random.Next(5)).Append('\t').Append(874965758 + (u * 100) + r).Append('\n');
            }
        }

        File.WriteAllText(Path.Combine(dir, "u.data"), data.ToString());
        return dir;
    }

    /// <summary>Adds a predefined fold (<c>NAME.base</c>, <c>NAME.test</c>) holding out every fifth line of u.data.</summary>
    public static void WriteFold(string dir, string name)
    {
        var lines = File.ReadAllLines(Path.Combine(dir, "u.data"));
        File.WriteAllLines(Path.Combine(dir, $"{name}.base"), lines.Where((_, i) => i % 5 != 0));
        File.WriteAllLines(Path.Combine(dir, $"{name}.test"), lines.Where((_, i) => i % 5 == 0));
    }
}
