using System.Runtime.CompilerServices;
using Reco.Data.Parsing;

namespace Reco.Data.Sources.Text;

/// <summary>Parses the mapped fields of one delimited record into a <see cref="Chunk"/>, reporting the first problem by column.</summary>
internal sealed class TextRowParser
{
    private readonly string _source;
    private readonly byte[] _delimiter;
    private readonly TextDecoding _decoding;
    private readonly TimeUnit _timeUnit;
    private readonly int _user;
    private readonly int _item;
    private readonly int _rating;
    private readonly int _time;
    private readonly int _needed;
    private readonly int _columns;
    private readonly bool _hasHeader;
    private readonly ColumnMapping _names;

    public TextRowParser(string source, TextFormat format, TimeUnit timeUnit, ColumnMapping names, int columns, int user, int item, int rating, int time)
    {
        _source = source;
        _delimiter = format.DelimiterBytes();
        _decoding = format.Encoding;
        _hasHeader = format.HasHeader;
        _timeUnit = timeUnit;
        _names = names;
        _columns = columns;
        _user = user;
        _item = item;
        _rating = rating;
        _time = time;
        _needed = Math.Max(Math.Max(user, item), Math.Max(rating, time)) + 1;
    }

    public int FieldsNeeded => _needed;

    public string Source => _source;

    /// <summary>
    /// Parses one split record that starts on line <paramref name="line"/>: <paramref name="count"/> fields
    /// in all, the first of them in <paramref name="fields"/>, read from <paramref name="record"/> through <paramref name="splitter"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Parse(ReadOnlySpan<byte> record, Span<FieldRef> fields, int count, long line, Chunk chunk, RecordSplitter splitter)
    {
        if (count > _columns)
        {
            chunk.Bad(new BadRow(_source, "line", line, null, TooMany(count)));
            return;
        }

        if (count < _needed)
        {
            chunk.Bad(new BadRow(_source, "line", line, null, $"expected at least {_needed} fields separated by '{Shown(_delimiter)}', found {count}"));
            return;
        }

        float rating = 1f;
        if (_rating >= 0)
        {
            var field = Trim(splitter.Get(record, fields[_rating]));
            if (!FieldValues.TryParseRating(field, out rating))
            {
                chunk.Bad(new BadRow(_source, "line", line, _names.Rating, FieldValues.RatingProblem(field)));
                return;
            }
        }

        long time = 0;
        if (_time >= 0 && FieldValues.Time(Trim(splitter.Get(record, fields[_time])), _timeUnit, out time) is string timeProblem)
        {
            chunk.Bad(new BadRow(_source, "line", line, _names.Time, timeProblem));
            return;
        }

        var userField = Trim(splitter.Get(record, fields[_user]));
        var itemField = Trim(splitter.Get(record, fields[_item]));
        Span<char> userText = userField.Length <= 128 ? stackalloc char[userField.Length] : new char[userField.Length];
        Span<char> itemText = itemField.Length <= 128 ? stackalloc char[itemField.Length] : new char[itemField.Length];
        if (!Key(userField, userText, out long userNumber, out int userLength, out string? userProblem))
        {
            chunk.Bad(new BadRow(_source, "line", line, _names.User, userProblem!));
            return;
        }

        if (!Key(itemField, itemText, out long itemNumber, out int itemLength, out string? itemProblem))
        {
            chunk.Bad(new BadRow(_source, "line", line, _names.Item, itemProblem!));
            return;
        }

        int user = userLength < 0 ? chunk.Users.Number(userNumber) : chunk.Users.Text(userText[..userLength]);
        int item = itemLength < 0 ? chunk.Items.Number(itemNumber) : chunk.Items.Text(itemText[..itemLength]);
        chunk.Add(user, item, rating, time);
    }

    /// <summary>The error of a record whose quoted field, opened on <paramref name="line"/>, runs to the end of the input.</summary>
    public DataFormatException Unclosed(long line) =>
        new(new BadRow(_source, "line", line, null, "a quoted field starts here and is never closed (a field that begins with a quote must end with one)"));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Key(ReadOnlySpan<byte> field, Span<char> text, out long number, out int length, out string? problem)
    {
        problem = null;
        length = -1;
        if (LocalIds.TryCanonicalNumber(field, out number))
        {
            return true;
        }

        if (field.IsEmpty)
        {
            problem = "the id is empty";
            return false;
        }

        if (!_decoding.TryDecode(field, text, out length))
        {
            problem = $"{FieldText.Quote(field)} is not valid {_decoding.Name} text (pass the file's encoding, e.g. --encoding latin1)";
            return false;
        }

        problem = ValueRules.IdProblem(text[..length]);
        return problem is null;
    }

    private string TooMany(int count) => _hasHeader
        ? $"{count} fields, but the header has {_columns} (a field holding '{Shown(_delimiter)}' must be quoted)"
        : $"{count} fields, but the first line has {_columns} (a field holding '{Shown(_delimiter)}' must be quoted)";

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> field) =>
        field.IsEmpty || (field[0] > (byte)' ' && field[^1] > (byte)' ') ? field : field.Trim(" \t\r"u8);

    internal static string Shown(byte[] delimiter) => delimiter is [(byte)'\t'] ? "\\t" : System.Text.Encoding.UTF8.GetString(delimiter);
}
