using Reco.Data;

namespace Reco.Models.Neighbourhood;

/// <summary>One bit per (user, item): constant-time "did u rate i" for scanning neighbour lists.</summary>
internal sealed class RatedBits
{
    private readonly ulong[] _bits;
    private readonly int _words;

    public RatedBits(UserItemMatrix byUser)
    {
        _words = (byUser.ItemCount + 63) >> 6;
        _bits = new ulong[byUser.UserCount * _words];
        for (int u = 0; u < byUser.UserCount; u++)
        {
            foreach (int i in byUser.ItemsOf(u))
            {
                _bits[(u * _words) + (i >> 6)] |= 1UL << (i & 63);
            }
        }
    }

    public bool Contains(int user, int item) => (_bits[(user * _words) + (item >> 6)] & (1UL << (item & 63))) != 0;
}
