using System.Text;
using Reco.Data.Sources;

namespace Reco.Tests.Data.Sources.Text;

/// <summary>A generated delimited file, how to map it, and what <see cref="ReferenceCsv"/> reads from it.</summary>
internal sealed record GeneratedFile(byte[] Bytes, string Delimiter, bool Header, ColumnMapping Mapping, ReferenceCsv.Result Expected);

/// <summary>
/// Writes random delimited files: mostly well-formed rows (fields quoted when they must be, sometimes
/// when they need not), with hostile ones mixed in: stray quotes, text after a closing quote, extra and
/// missing fields, empty and control-character ids, bad numbers, blank lines, an unclosed quote.
/// </summary>
internal static class TextFileGenerator
{
    private static readonly string[] Delimiters = [",", "\t", ";", "::", "|", "~^"];
    private static readonly string[] Roles = ["user", "item", "rating", "time", "note"];

    public static GeneratedFile Generate(Random random)
    {
        string delimiter = Delimiters[random.Next(Delimiters.Length)];
        bool header = random.Next(4) > 0;
        bool crlf = random.Next(3) == 0;
        bool withTime = random.Next(2) == 0;
        var roles = Roles.Where(r => r != "time" || withTime).OrderBy(_ => random.Next()).ToList();
        if (random.Next(3) == 0)
        {
            roles.Add("note2");
        }

        int rows = random.Next(1, 5) == 1 ? random.Next(0, 5) : random.Next(20, 300);
        var text = new StringBuilder();
        if (random.Next(6) == 0)
        {
            text.Append('\uFEFF');
        }

        string newline = crlf ? "\r\n" : "\n";
        if (random.Next(8) == 0)
        {
            text.Append(newline).Append("  ").Append(newline);
        }

        if (header)
        {
            text.Append(string.Join(delimiter, roles.Select(r => random.Next(5) == 0 ? $"\"{r}\"" : r))).Append(newline);
        }

        bool unclosed = random.Next(25) == 0;
        int unclosedAt = random.Next(Math.Max(1, rows));
        for (int r = 0; r < rows; r++)
        {
            if (unclosed && r == unclosedAt)
            {
                text.Append(string.Join(delimiter, roles.Select((role, i) => i == roles.Count - 1 ? "\"never closed" : Plain(random, role)))).Append(newline);
                continue;
            }

            int hostile = random.Next(100);
            string line = hostile switch
            {
                0 => "",
                1 => " \t ",
                2 => string.Join(delimiter, roles.Select(role => Field(random, role, delimiter))) + delimiter + "extra",
                3 => string.Join(delimiter, roles.Take(2).Select(role => Field(random, role, delimiter))),
                4 => string.Join(delimiter, roles.Select(role => role == "user" ? "" : Field(random, role, delimiter))),
                5 => string.Join(delimiter, roles.Select(role => role == "rating" ? "abc" : Field(random, role, delimiter))),
                6 => string.Join(delimiter, roles.Select(role => role == "item" ? "\"a\u0001b\"" : Field(random, role, delimiter))),
                7 => string.Join(delimiter, roles.Select(role => role == "item" ? "\"ab\"cd" : Field(random, role, delimiter))),
                8 => string.Join(delimiter, roles.Select(role => role == "time" ? "1600000000000" : Field(random, role, delimiter))),
                9 => string.Join(delimiter, roles.Select(role => role == "note" ? "\"x\"\"" + delimiter + "y\"z\"" : Field(random, role, delimiter))),
                10 => string.Join(delimiter, roles.Select(role => role == "user" ? "12\" vinyl" : Field(random, role, delimiter))),
                11 => "\r",
                _ => string.Join(delimiter, roles.Select(role => Field(random, role, delimiter))),
            };
            text.Append(line);
            if (r < rows - 1 || random.Next(4) > 0)
            {
                text.Append(random.Next(30) == 0 ? (crlf ? "\n" : "\r\n") : newline);
            }
        }

        byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
        int Position(string role) => roles.IndexOf(role);
        var mapping = header
            ? new ColumnMapping("user", "item", "rating", withTime ? "time" : null)
            : new ColumnMapping(Number(Position("user")), Number(Position("item")), Number(Position("rating")), withTime ? Number(Position("time")) : null);
        var expected = ReferenceCsv.Read(bytes, Encoding.UTF8.GetBytes(delimiter), header, Position("user"), Position("item"), Position("rating"), Position("time"));
        return new GeneratedFile(bytes, delimiter, header, mapping, expected);
    }

    private static string Number(int position) => (position + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A well-formed field for the role, quoted when it must be (and now and then when it need not).</summary>
    private static string Field(Random random, string role, string delimiter)
    {
        string value = Plain(random, role);
        if (role.StartsWith("note", StringComparison.Ordinal))
        {
            var note = new StringBuilder();
            int length = random.Next(0, 12);
            for (int i = 0; i < length; i++)
            {
                note.Append(random.Next(12) switch
                {
                    0 => "\"",
                    1 => delimiter,
                    2 => "\n",
                    3 => "\r\n",
                    4 => " ",
                    5 => ",",
                    6 => "é",
                    _ => ((char)('a' + random.Next(26))).ToString(),
                });
            }

            value = note.ToString();
        }

        bool must = value.Contains(delimiter, StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal)
            || value.Contains('\r', StringComparison.Ordinal) || value.StartsWith('"');
        if (must && random.Next(30) == 0 && !value.Contains('\n', StringComparison.Ordinal))
        {
            return value; // left unquoted on purpose: extra fields, or a quote that opens a field
        }

        return must || random.Next(6) == 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    private static string Plain(Random random, string role) => role switch
    {
        "rating" => random.Next(4) switch
        {
            0 => "3.5",
            1 => " 4 ",
            _ => (1 + random.Next(5)).ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
        "time" => random.Next(10) == 0 ? "2024-05-06T07:08:09Z" : (1_600_000_000 + random.Next(1_000_000)).ToString(System.Globalization.CultureInfo.InvariantCulture),
        "user" or "item" => Id(random),
        _ => "n",
    };

    private static string Id(Random random)
    {
        if (random.Next(2) == 0)
        {
            return random.Next(1, 200).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var id = new StringBuilder();
        int length = random.Next(1, 7);
        for (int i = 0; i < length; i++)
        {
            id.Append(random.Next(14) switch
            {
                0 => "\"",
                1 => " ",
                2 => "é",
                3 => "0",
                4 => "-",
                _ => ((char)('a' + random.Next(6))).ToString(),
            });
        }

        return id.ToString();
    }
}
