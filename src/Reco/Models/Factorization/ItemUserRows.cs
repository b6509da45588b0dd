using Reco.Data;

namespace Reco.Models.Factorization;

/// <summary>The transpose of a <see cref="UserItemMatrix"/>: for each item, its users (ascending) and values.</summary>
internal sealed class ItemUserRows
{
    private readonly int[] _start;
    private readonly int[] _users;
    private readonly float[] _values;

    public ItemUserRows(UserItemMatrix byUser)
    {
        ArgumentNullException.ThrowIfNull(byUser);
        ItemCount = byUser.ItemCount;
        _start = new int[ItemCount + 1];
        for (int u = 0; u < byUser.UserCount; u++)
        {
            foreach (int i in byUser.ItemsOf(u))
            {
                _start[i + 1]++;
            }
        }

        for (int i = 0; i < ItemCount; i++)
        {
            _start[i + 1] += _start[i];
        }

        var fill = (int[])_start.Clone();
        _users = new int[byUser.NonZeros];
        _values = new float[byUser.NonZeros];
        for (int u = 0; u < byUser.UserCount; u++)
        {
            var items = byUser.ItemsOf(u);
            var values = byUser.ValuesOf(u);
            for (int k = 0; k < items.Length; k++)
            {
                int slot = fill[items[k]]++;
                _users[slot] = u;
                _values[slot] = values[k];
            }
        }
    }

    public int ItemCount { get; }

    public ReadOnlySpan<int> UsersOf(int item) => _users.AsSpan(_start[item], _start[item + 1] - _start[item]);

    public ReadOnlySpan<float> ValuesOf(int item) => _values.AsSpan(_start[item], _start[item + 1] - _start[item]);
}
