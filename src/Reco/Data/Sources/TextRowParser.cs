using System.Runtime.CompilerServices;

namespace Reco.Data.Sources;

/// <summary>Parses the mapped fields of one delimited record into a <see cref="Chunk"/>, reporting the first problem by column.</summary>
internal sealed class TextRowParser
{
    private readonly string _source;
    private readonly byte[] _delimiter;
    private readonly TextDecoding _decoding;
    private readonly int _user;
    private readonly int _item;
    private readonly int _rating;
    private readonly int _time;
    private readonly int _needed;
    private readonly ColumnMapping _names;

    public TextRowParser(string source, byte[] delimiter, TextDecoding decoding, ColumnMapping names, int user, int item, int rating, int time)
    {
        _source = source;
        _delimiter = delimiter;
        _decoding = decoding;
        _names = names;
        _user = user;
        _item = item;
        _rating = rating;
        _time = time;
        _needed = Math.Max(Math.Max(user, item), Math.Max(rating, time)) + 1;
    }

    public int FieldsNeeded => _needed;

    /// <summary>Parses one record that starts on line <paramref name="line"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Parse(ReadOnlySpan<byte> record, long line, Chunk chunk, RecordSplitter splitter, Span<FieldRef> fields)
    {
        int count = splitter.Split(record, fields);
        if (count < 0)
        {
            chunk.Bad(new BadRow(_source, "line", line, null, "a quoted field is not closed"));
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
                chunk.Bad(new BadRow(_source, "line", line, _names.Rating, field.IsEmpty ? "the rating is empty" : $"{FieldText.Quote(field)} is not a finite number"));
                return;
            }
        }

        long time = 0;
        if (_time >= 0)
        {
            var field = Trim(splitter.Get(record, fields[_time]));
            if (!FieldValues.TryParseTime(field, out time))
            {
                chunk.Bad(new BadRow(_source, "line", line, _names.Time, field.IsEmpty ? "the time is empty" : $"{FieldText.Quote(field)} is neither Unix seconds nor an ISO-8601 time"));
                return;
            }
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

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> field) =>
        field.IsEmpty || (field[0] > (byte)' ' && field[^1] > (byte)' ') ? field : field.Trim(" \t\r"u8);

    private static string Shown(byte[] delimiter) => delimiter is [(byte)'\t'] ? "\\t" : System.Text.Encoding.UTF8.GetString(delimiter);
}
