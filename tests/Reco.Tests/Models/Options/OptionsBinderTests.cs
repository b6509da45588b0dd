using Reco.Models.Neighbourhood;
using Reco.Models.Options;
using Reco.Optimizers;

namespace Reco.Tests.Models.Options;

public class OptionsBinderTests
{
    private const string Name = "sample";

    public enum Shade
    {
        Light,
        DarkBlue,
    }

    [Fact]
    public void ParsesEveryTypeOverTheDefaults()
    {
        var options = Parse("count=7", "rate=0.25", "share=0.5", "flag=true", "shade=dark-blue", "optimizer=sgd:0.5", "note= hello ");
        Assert.Equal(
            new SampleOptions { Count = 7, Rate = 0.25f, Share = 0.5, Flag = true, Shade = Shade.DarkBlue, Optimizer = new OptimizerSettings(OptimizerKind.Sgd, 0.5f), Note = "hello" },
            options);
        Assert.Equal(new SampleOptions(), Parse());

        // Spaces around keys and values, enum names in any case, other spellings of true and false.
        Assert.Equal(3, Parse(" count = 3 ").Count);
        Assert.Equal(Shade.DarkBlue, Parse("shade=Dark-Blue").Shade);
        Assert.Equal(Shade.Light, Parse("shade=light").Shade);
        Assert.True(Parse("flag=yes").Flag);
        Assert.True(Parse("flag=1").Flag);
        Assert.False(Parse("flag=no").Flag);
        Assert.False(Parse("flag=0").Flag);
        Assert.Equal(1e-3f, Parse("rate=1e-3").Rate);
        Assert.Equal(new OptimizerSettings(OptimizerKind.Adagrad, 0.001f), Parse("optimizer=adagrad").Optimizer);
        Assert.Equal(SimilarityMeasure.AdjustedCosine, ((KnnOptions)OptionsBinder.Parse(typeof(KnnOptions), "item-knn", ["similarity=adjusted-cosine"])).Similarity);
    }

    [Theory]
    [InlineData("count=2.5", "count=2.5", "whole number")]
    [InlineData("count=", "count=", "whole number")]
    [InlineData("rate=abc", "rate=abc", "finite number")]
    [InlineData("rate=NaN", "rate=NaN", "finite number")]
    [InlineData("rate=Infinity", "rate=Infinity", "finite number")]
    [InlineData("rate=1e39", "rate=1e39", "finite number")]
    [InlineData("share=-Infinity", "share=-Infinity", "finite number")]
    [InlineData("flag=maybe", "flag=maybe", "true or false")]
    [InlineData("shade=dark_blue", "shade=dark_blue", "light or dark-blue")]
    [InlineData("shade=DarkBlue", "shade=DarkBlue", "light or dark-blue")]
    [InlineData("optimizer=rmsprop:0.1", "optimizer", "rmsprop")]
    [InlineData("optimizer=sgd:0", "optimizer", "above 0")]
    [InlineData("optimizer=sgd:NaN", "optimizer", "NaN")]
    public void BadValuesAreFormatErrorsNamingTheOption(string pair, string named, string why)
    {
        var error = Assert.Throws<FormatException>(() => Parse(pair));
        Assert.Contains(named, error.Message);
        Assert.Contains(why, error.Message);
        Assert.Contains(Name, error.Message);
    }

    [Theory]
    [InlineData("count=1", true)]
    [InlineData("count=0", false)]
    [InlineData("rate=0", false)]
    [InlineData("rate=1E-45", true)]
    [InlineData("share=0", false)]
    [InlineData("share=1", false)]
    [InlineData("share=0.999", true)]
    [InlineData("limit=0", true)]
    [InlineData("limit=10", true)]
    [InlineData("limit=-0.001", false)]
    [InlineData("limit=10.001", false)]
    public void RangesAreInclusiveUnlessMarkedExclusive(string pair, bool valid)
    {
        if (valid)
        {
            Parse(pair);
            return;
        }

        var error = Assert.Throws<FormatException>(() => Parse(pair));
        Assert.Contains(pair[..pair.IndexOf('=')], error.Message);
        Assert.Matches("at least 1|above 0|above 0 and below 1|at least 0 and at most 10", error.Message);
    }

    [Fact]
    public void RangeMessagesSayWhatIsValid()
    {
        Assert.Contains("it must be at least 1", Assert.Throws<FormatException>(() => Parse("count=0")).Message);
        Assert.Contains("it must be above 0 and below 1", Assert.Throws<FormatException>(() => Parse("share=1")).Message);
        Assert.Contains("it must be at least 0 and at most 10", Assert.Throws<FormatException>(() => Parse("limit=11")).Message);
        Assert.Contains("it must be above 0", Assert.Throws<FormatException>(() => Parse("rate=-1")).Message);
    }

    [Fact]
    public void DuplicateUnknownAndMalformedKeysAreErrors()
    {
        Assert.Contains("count of sample is given twice", Assert.Throws<FormatException>(() => Parse("count=2", "count=3")).Message);
        Assert.Contains("given twice", Assert.Throws<FormatException>(() => Parse("count=2", " count =2")).Message);

        var unknown = Assert.Throws<FormatException>(() => Parse("colour=blue")).Message;
        Assert.Contains("sample has no option 'colour'", unknown);
        Assert.Contains("count, rate, share, limit, flag, shade, optimizer, note", unknown);

        var malformed = Assert.Throws<FormatException>(() => Parse("count")).Message;
        Assert.Contains("'count' is not an option of sample: write key=value", malformed);
        Assert.Contains("write key=value", Assert.Throws<FormatException>(() => Parse("=3")).Message);

        // Keys are case-sensitive, as the catalogue writes them.
        Assert.Contains("no option 'Count'", Assert.Throws<FormatException>(() => Parse("Count=3")).Message);
        Assert.Contains("it takes none", Assert.Throws<FormatException>(() => OptionsBinder.Parse(typeof(NoOptions), "bare", ["a=1"])).Message);
    }

    [Fact]
    public void FormatWritesWhatParseReadsBack()
    {
        var options = new SampleOptions { Count = 12, Rate = 0.1f, Share = 1.0 / 3, Limit = 2.5, Flag = true, Shade = Shade.DarkBlue, Optimizer = new OptimizerSettings(OptimizerKind.Adagrad, 0.3f), Note = "x" };
        var text = OptionsBinder.Format(options);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["count"] = "12",
                ["rate"] = "0.1",
                ["share"] = (1.0 / 3).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                ["limit"] = "2.5",
                ["flag"] = "true",
                ["shade"] = "dark-blue",
                ["optimizer"] = "adagrad:0.3",
                ["note"] = "x",
            },
            text);
        Assert.Equal(options, Parse([.. text.Select(p => $"{p.Key}={p.Value}")]));
    }

    [Fact]
    public void DescribeListsKeysDefaultsDescriptionsAndRangesInDeclarationOrder()
    {
        var parameters = OptionsBinder.Describe(typeof(SampleOptions));
        Assert.Equal(["count", "rate", "share", "limit", "flag", "shade", "optimizer", "note"], parameters.Select(p => p.Name));
        Assert.Equal(new Hyperparameter("count", "4", "How many.", "at least 1"), parameters[0]);
        Assert.Equal("above 0", parameters[1].Range);
        Assert.Equal("above 0 and below 1", parameters[2].Range);
        Assert.Equal("at least 0 and at most 10", parameters[3].Range);
        Assert.Equal(new Hyperparameter("flag", "false", "A switch.", "true or false"), parameters[4]);
        Assert.Equal(new Hyperparameter("shade", "light", "A shade.", "light or dark-blue"), parameters[5]);
        Assert.Equal("adagrad:0.1", parameters[6].Default);
        Assert.Empty(OptionsBinder.Describe(typeof(NoOptions)));
    }

    [Fact]
    public void ValidateRefusesRecordsBuiltInCodeOutOfRange()
    {
        OptionsBinder.Validate(new SampleOptions(), Name);
        Assert.Contains("count", Assert.Throws<ArgumentException>(() => OptionsBinder.Validate(new SampleOptions { Count = 0 }, Name)).Message);
        Assert.Contains("share", Assert.Throws<ArgumentException>(() => OptionsBinder.Validate(new SampleOptions { Share = double.NaN }, Name)).Message);
        Assert.Contains("rate", Assert.Throws<ArgumentException>(() => OptionsBinder.Validate(new SampleOptions { Rate = float.PositiveInfinity }, Name)).Message);
        Assert.Contains("limit", Assert.Throws<ArgumentException>(() => OptionsBinder.Validate(new SampleOptions { Limit = 10.5 }, Name)).Message);
    }

    private static SampleOptions Parse(params string[] pairs) => (SampleOptions)OptionsBinder.Parse(typeof(SampleOptions), Name, pairs);

    /// <summary>Every kind of option the binder reads.</summary>
    public sealed record SampleOptions
    {
        [Hyperparameter("count", "How many.", Minimum = 1)]
        public int Count { get; init; } = 4;

        [Hyperparameter("rate", "A rate.", Minimum = 0, ExclusiveMinimum = true)]
        public float Rate { get; init; } = 0.5f;

        [Hyperparameter("share", "A share.", Minimum = 0, ExclusiveMinimum = true, Maximum = 1, ExclusiveMaximum = true)]
        public double Share { get; init; } = 0.8;

        [Hyperparameter("limit", "A bounded value.", Minimum = 0, Maximum = 10)]
        public double Limit { get; init; } = 5;

        [Hyperparameter("flag", "A switch.")]
        public bool Flag { get; init; }

        [Hyperparameter("shade", "A shade.")]
        public Shade Shade { get; init; }

        [Hyperparameter("optimizer", "An optimizer.")]
        public OptimizerSettings Optimizer { get; init; } = new(OptimizerKind.Adagrad, 0.1f);

        [Hyperparameter("note", "Free text.")]
        public string Note { get; init; } = string.Empty;

        /// <summary>Not a hyper-parameter: ignored.</summary>
        public int Internal { get; init; } = 99;
    }

    public sealed record NoOptions;

    [Fact]
    public void ANullOptionAndValuesNamingNoMemberAreRefused()
    {
        Assert.Contains("is null", Assert.Throws<FormatException>(() => OptionsBinder.Parse(typeof(KnnOptions), "item-knn", [null!])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new KnnOptions { Similarity = (SimilarityMeasure)99 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new OptimizerSettings((OptimizerKind)99, 0.1f).Create());
        Assert.IsType<Adam>(new OptimizerSettings(OptimizerKind.Adam, 0.1f).Create());
    }
}
