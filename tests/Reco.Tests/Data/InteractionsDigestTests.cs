using Reco.Data;
using Reco.Tests.Models;

namespace Reco.Tests.Data;

public class InteractionsDigestTests
{
    private static readonly (string User, string Item, float Rating)[] Rows =
    [
        ("u1", "a", 4), ("u1", "b", 3), ("u2", "a", 5), ("u3", "c", 1), ("u2", "c", 2), ("u3", "a", 4),
    ];

    [Fact]
    public void RowOrderAndIndexOrderDoNotMatter()
    {
        string digest = InteractionsDigest.Of(ClassicData.Of(Rows));
        Assert.Matches("^[0-9a-f]{32}$", digest);

        // The same rows reversed (so the id maps are in another order too) and shuffled.
        Assert.Equal(digest, InteractionsDigest.Of(ClassicData.Of([.. Rows.Reverse()])));
        var data = ClassicData.Of(Rows);
        Assert.Equal(digest, InteractionsDigest.Of(data.Subset([3, 0, 5, 1, 4, 2])));

        // Timestamps are not part of the rows' identity.
        Assert.Equal(digest, InteractionsDigest.Of(Interactions.From(Rows.Select((r, i) => (r.User, r.Item, r.Rating, (long)i * 1000)))));

    }

    [Fact]
    public void AnyChangeToARowChangesTheDigest()
    {
        string digest = InteractionsDigest.Of(ClassicData.Of(Rows));
        List<(string, string, float)[]> changed =
        [
            With(0, ("u1", "a", 5)),                                // a rating
            With(0, ("u4", "a", 4)),                                // a user
            With(0, ("u1", "d", 4)),                                // an item
            With(0, ("u1", "a", 4.0001f)),                          // a rating, barely
            [.. Rows.Skip(1)],                                      // a row removed
            [.. Rows, Rows[0]],                                     // a row repeated
            [("u1", "a", 3), ("u1", "b", 4), .. Rows[2..]],       // ratings swapped between a user's rows
            [.. Rows[..2], ("u2", "c", 5), ("u3", "c", 1), ("u2", "a", 2), Rows[5]], // items swapped between a user's rows
        ];

        var digests = changed.Select(rows => InteractionsDigest.Of(ClassicData.Of(rows))).ToList();
        Assert.DoesNotContain(digest, digests);
        Assert.Equal(digests.Count, digests.Distinct().Count());

        // Ids are compared as text: a user called "u1 " is another user.
        Assert.NotEqual(digest, InteractionsDigest.Of(ClassicData.Of(With(0, ("u1 ", "a", 4)))));
    }

    [Fact]
    public void ImplicitRowsDigestAsRatingsOfOne()
    {
        var users = new IdMap(["u1", "u2"]);
        var items = new IdMap(["a"]);
        var implicitRows = new Interactions(users, items, [0, 1], [0, 0]);
        Assert.Equal(InteractionsDigest.Of(ClassicData.Of(("u1", "a", 1), ("u2", "a", 1))), InteractionsDigest.Of(implicitRows));
        Assert.NotEqual(InteractionsDigest.Of(ClassicData.Of(("u1", "a", 2), ("u2", "a", 1))), InteractionsDigest.Of(implicitRows));

        // No rows at all is a digest too, and not that of any row.
        Assert.Equal(new string('0', 32), InteractionsDigest.Of(new Interactions(users, items, [], [])));
    }

    private static (string, string, float)[] With(int row, (string, string, float) value)
    {
        var rows = Rows.Select(r => (r.User, r.Item, r.Rating)).ToArray();
        rows[row] = value;
        return rows;
    }
}
