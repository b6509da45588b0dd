using Reco.Data;

namespace Reco.Tests.Data;

public class IdMapLabelTests
{
    [Fact]
    public void LabelsFallBackToTheIdAndCanBeRemoved()
    {
        var map = new IdMap(["1", "2", "3"]);
        Assert.False(map.HasLabels);
        Assert.Equal("2", map.LabelOf(1));

        map.SetLabel(2, "Toy Story (1995)");
        Assert.True(map.HasLabels);
        Assert.Equal("Toy Story (1995)", map.LabelOf(2));
        Assert.Equal("1", map.LabelOf(0));

        // Ids added after labels were set have none.
        int added = map.GetOrAdd("4");
        Assert.Equal("4", map.LabelOf(added));
        map.SetLabel(added, "Heat (1995)");
        Assert.Equal("Heat (1995)", map.LabelOf(3));

        map.SetLabel(2, null);
        Assert.Equal("3", map.LabelOf(2));
        map.SetLabel(3, string.Empty);
        Assert.Equal("4", map.LabelOf(3));

        // Labels are display names only: lookups are by id.
        Assert.Equal(-1, map.IndexOf("Heat (1995)"));
        Assert.Equal(3, map.IndexOf("4"));
    }

    [Fact]
    public void HasLabelsIsFalseOnceEveryLabelIsRemoved()
    {
        var map = new IdMap(["a", "b"]);
        map.SetLabel(1, "B");
        map.SetLabel(1, null);
        Assert.False(map.HasLabels);
        map.SetLabel(0, null);
        Assert.False(map.HasLabels);
    }

    [Fact]
    public void SettingALabelOutsideTheMapIsAnError()
    {
        var map = new IdMap(["a"]);
        Assert.Throws<ArgumentOutOfRangeException>(() => map.SetLabel(1, "x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => map.SetLabel(-1, "x"));
        Assert.False(map.HasLabels);
        Assert.Throws<ArgumentException>(() => new IdMap(["a", "b", "a"]));
    }

    [Fact]
    public void SubsetsShareTheLabelsOfTheirData()
    {
        var data = Reco.Tests.Models.ClassicData.Of(("u1", "10", 4), ("u2", "11", 3));
        data.Items.SetLabel(1, "Alien (1979)");
        var subset = data.Subset([1]);
        Assert.Equal("Alien (1979)", subset.Items.LabelOf(subset.ItemIndices[0]));
    }
}
