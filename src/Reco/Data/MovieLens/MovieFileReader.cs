using System.Text;
using System.Text.RegularExpressions;
using Reco.Data.Sources;
using Reco.Data.Parsing;
using Reco.Data.Sources.Text;

namespace Reco.Data.MovieLens;

/// <summary>Reads <c>movies.dat</c> (<c>id::title::genres</c>) or <c>movies.csv</c> (<c>movieId,title,genres</c>, quoted titles).</summary>
internal static partial class MovieFileReader
{
    public static List<(string Id, string Title, string[] Genres)> Read(string path, bool csv)
    {
        string name = Path.GetFileName(path);
        byte[] content = File.ReadAllBytes(path);
        var splitter = new RecordSplitter(csv ? [(byte)','] : "::"u8.ToArray());
        var fields = new FieldRef[3];
        var movies = new List<(string, string, string[])>();
        var lines = new ByteLineEnumerator(content);
        bool header = csv;
        while (lines.MoveNext())
        {
            if (header)
            {
                header = false;
                continue;
            }

            var line = lines.Current;
            int count = splitter.Split(line, fields);
            if (count < 3)
            {
                throw new DataFormatException(new BadRow(name, "line", lines.LineNumber, null, $"expected 3 fields (id, title, genres), found {Math.Max(count, 0)}"));
            }

            var id = splitter.Get(line, fields[0]).Trim(" "u8);
            if (!LocalIds.TryCanonicalNumber(id, out _))
            {
                throw new DataFormatException(new BadRow(name, "line", lines.LineNumber, csv ? "movieId" : "MovieID", $"{FieldText.Quote(id)} is not a movie id"));
            }

            // The release notes promise Latin-1 for 1M and UTF-8 later; take UTF-8 when it is valid.
            string title = Decode(splitter.Get(line, fields[1]));
            string genres = Decode(splitter.Get(line, fields[2])).Trim();
            movies.Add((Encoding.ASCII.GetString(id), title, genres is "" or "(no genres listed)" ? [] : genres.Split('|')));
        }

        return movies;
    }

    /// <summary>The year in a title such as <c>Toy Story (1995)</c>, or null.</summary>
    public static string? Year(string title) => YearPattern().Match(title) is { Success: true } m ? m.Groups[1].Value : null;

    private static string Decode(ReadOnlySpan<byte> bytes) =>
        TextDecoding.Utf8Strict.TryGetString(bytes) ?? Encoding.Latin1.GetString(bytes);

    [GeneratedRegex(@"\((\d{4})\)\s*$")]
    private static partial Regex YearPattern();
}
