using System.Text;

namespace Reco.Tests.Data.MovieLens;

/// <summary>Tiny hand-written MovieLens 100K style files in the original formats.</summary>
internal static class MovieLensSampleFiles
{
    private const string NoGenres = "0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0";

    /// <summary>Five movies: a Latin-1 title, a repeated title, an empty release date and a single-digit day.</summary>
    public static readonly string[] ItemLines =
    [
        "1|Toy Story (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0",
        "2|Señorita (1999)|4-Feb-1971||http://us.imdb.com/x|0|0|0|0|0|0|0|0|1|0|0|0|0|0|1|0|0|0|0",
        "3|Chairman of the Board (1998)|01-Jan-1998||http://us.imdb.com/y|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0|0|0|0",
        "4|unknown||||1|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0",
        "5|Chairman of the Board (1998)|01-Jan-1998||http://us.imdb.com/z|" + NoGenres,
    ];

    public static readonly string[] DataLines =
    [
        "196\t2\t3\t881250949",
        "186\t1\t3\t891717742",
        "22\t5\t1\t878887116",
        "196\t3\t5\t880606923",
    ];

    public static string Write(string folder, IEnumerable<string>? itemLines = null, IEnumerable<string>? dataLines = null)
    {
        WriteLatin1(Path.Combine(folder, "u.item"), itemLines ?? ItemLines);
        WriteLatin1(Path.Combine(folder, "u.data"), dataLines ?? DataLines);
        return folder;
    }

    public static void WriteLatin1(string path, IEnumerable<string> lines) =>
        File.WriteAllBytes(path, Encoding.Latin1.GetBytes(string.Concat(lines.Select(line => line + "\n"))));
}
