using System.Globalization;
using System.Reflection;
using Reco.Data;
using Reco.Models;
using Reco.Models.Baselines;
using Reco.Models.Ensembles;
using Reco.Models.Factorization;
using Reco.Models.Neighbourhood;
using Reco.Models.Options;
using Reco.Models.TwoTower;
using Reco.Optimizers;
using Reco.Data.Sources.Parquet;

namespace Reco.Tests.Models.Options;

public class AlgorithmOptionsTests
{
    private static readonly ItemFeatures Features = ItemFeatures.From([new Dictionary<string, float> { ["g"] = 1f }]);

    public static TheoryData<string> Names => [.. AlgorithmCatalog.All.Select(a => a.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void ParametersDefaultsAreTheOptionsRecordsAndTheModelsOptions(string name)
    {
        var algorithm = AlgorithmCatalog.Get(name);
        var recordDefaults = OptionsBinder.Format(Activator.CreateInstance(algorithm.OptionsType)!);
        Assert.Equal(recordDefaults, algorithm.Parameters.ToDictionary(p => p.Name, p => p.Default));
        Assert.NotEmpty(algorithm.Description);
        Assert.All(algorithm.Parameters, p => Assert.NotEmpty(p.Description));

        var parsed = AlgorithmOptions.Parse(algorithm, [], Features);
        Assert.Equal(recordDefaults, parsed.ToDictionary());
        var model = algorithm.Create(parsed);
        Assert.Equal(name, model.Name);
        Assert.Equal(recordDefaults, OptionsBinder.Format(ModelOptionsOf(model)));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryHyperparameterRoundTripsThroughTextAndReachesTheModel(string name)
    {
        var algorithm = AlgorithmCatalog.Get(name);
        var pairs = algorithm.Parameters.Select(p => $"{p.Name}={OtherValue(algorithm.OptionsType, p)}").ToArray();
        var parsed = AlgorithmOptions.Parse(algorithm, pairs, Features);
        var text = parsed.ToDictionary();

        // Every value was taken (none left at its default) and reads back to the same record.
        Assert.All(algorithm.Parameters, p => Assert.NotEqual(p.Default, text[p.Name]));
        var again = AlgorithmOptions.Parse(algorithm, [.. text.Select(p => $"{p.Key}={p.Value}")], Features);
        Assert.Equal(parsed.Values, again.Values);
        Assert.Equal(text, again.ToDictionary());

        var model = algorithm.Create(parsed);
        Assert.Equal(parsed.Values, ModelOptionsOf(model));
    }

    [Fact]
    public void AFloatOptionAtItsBoundIsAccepted_AndJustBelowIsRefused()
    {
        var twoTower = AlgorithmCatalog.Get("two-tower");
        Assert.Equal(0.01f, ((TwoTowerOptions)AlgorithmOptions.Parse(twoTower, ["temperature=0.01"]).Values).Temperature);
        Assert.Equal(0.01f, ModelOptions.Checked(new TwoTowerOptions { Temperature = 0.01f }, "two-tower").Temperature);
        Assert.Contains("at least 0.01", Assert.ThrowsAny<Exception>(() => AlgorithmOptions.Parse(twoTower, ["temperature=0.0099"])).Message);
    }

    [Fact]
    public void ModelsRefuseOutOfRangeRecordsBuiltInCode()
    {
        Assert.Contains("Option factors of als is 0; it must be at least 1.", Assert.Throws<ArgumentException>(() => new ImplicitAls(new ImplicitAlsOptions { Factors = 0 })).Message);
        Assert.Contains("Option k of item-knn is 0", Assert.Throws<ArgumentException>(() => new ItemKnn(new KnnOptions { K = 0 })).Message);
        Assert.Contains("Option shrinkage of user-knn is -1", Assert.Throws<ArgumentException>(() => new UserKnn(new KnnOptions { Shrinkage = -1 })).Message);
        Assert.Contains("Option holdout of blend is 1; it must be above 0 and below 1.", Assert.Throws<ArgumentException>(() => new LinearBlend(options: new LinearBlendOptions { Holdout = 1 })).Message);
        Assert.Contains("Option lambda of ease is 0; it must be above 0.", Assert.Throws<ArgumentException>(() => new Ease(new EaseOptions { Lambda = 0 })).Message);
        Assert.Contains("Option lr of bpr is NaN", Assert.Throws<ArgumentException>(() => new Bpr(new BprOptions { LearningRate = float.NaN })).Message);
        Assert.Contains("Option epochs of baseline is 0", Assert.Throws<ArgumentException>(() => new BaselineBiases(new BaselineOptions { Epochs = 0 })).Message);
        Assert.Contains("Option temperature of two-tower is 0", Assert.Throws<ArgumentException>(() => TwoTowerModel.ForIds(new TwoTowerOptions { Temperature = 0 })).Message);
        Assert.Contains("Option dim of two-tower is 0", Assert.Throws<ArgumentException>(() => TwoTowerModel.ForIds(new TwoTowerOptions { EmbeddingDim = 0 })).Message);
        Assert.Contains("Option optimizer's learning rate of two-tower", Assert.Throws<ArgumentException>(() => TwoTowerModel.ForIds(new TwoTowerOptions { Optimizer = new OptimizerSettings(OptimizerKind.Sgd, float.PositiveInfinity) })).Message);
        Assert.Contains("Option optimizer's learning rate of two-tower", Assert.Throws<ArgumentException>(() => TwoTowerModel.ForIds(new TwoTowerOptions { Optimizer = new OptimizerSettings(OptimizerKind.Sgd, 0f) })).Message);
        Assert.Contains("Option optimizer's learning rate of two-tower", Assert.Throws<ArgumentException>(() => TwoTowerModel.ForIds(new TwoTowerOptions { Optimizer = new OptimizerSettings(OptimizerKind.Adagrad, -0.1f) })).Message);

        // A null record is the defaults.
        Assert.Equal(new KnnOptions(), new ItemKnn(null).Options);
        Assert.Equal(new TwoTowerOptions(), TwoTowerModel.ForIds().Options);
    }

    [Fact]
    public void ASpecificationsValuesMayHoldColons()
    {
        var options = AlgorithmOptions.ParseSpecification("two-tower:optimizer=adagrad:0.05:dim=8");
        var values = Assert.IsType<TwoTowerOptions>(options.Values);
        Assert.Equal(new OptimizerSettings(OptimizerKind.Adagrad, 0.05f), values.Optimizer);
        Assert.Equal(8, values.EmbeddingDim);
        Assert.Equal(["optimizer=adagrad:0.05", "dim=8"], options.Given);
        Assert.Equal("two-tower:optimizer=adagrad:0.05:dim=8", options.Label);

        var last = AlgorithmOptions.ParseSpecification("two-tower:dim=8:optimizer=sgd:0.5");
        Assert.Equal(new OptimizerSettings(OptimizerKind.Sgd, 0.5f), Assert.IsType<TwoTowerOptions>(last.Values).Optimizer);
    }

    [Fact]
    public void LabelsNameTheAlgorithmAndWhatWasGiven()
    {
        Assert.Equal("als:factors=128:alpha=10", AlgorithmOptions.ParseSpecification("als:factors=128:alpha=10").Label);
        Assert.Equal("popularity", AlgorithmOptions.ParseSpecification("popularity").Label);
        Assert.Equal("als", AlgorithmOptions.Parse(AlgorithmCatalog.Get("als"), []).Label);

        // Extra pairs come after the specification's own, trimmed.
        var extra = AlgorithmOptions.ParseSpecification(" als : factors=8 ", [" alpha=2"]);
        Assert.Equal(["factors=8", "alpha=2"], extra.Given);
        Assert.Equal("als:factors=8:alpha=2", extra.Label);
        Assert.Equal((8, 2f), (((ImplicitAlsOptions)extra.Values).Factors, ((ImplicitAlsOptions)extra.Values).Alpha));
    }

    [Fact]
    public void SpecificationErrorsSayWhatIsWrong()
    {
        var unknown = Assert.Throws<ArgumentException>(() => AlgorithmOptions.ParseSpecification("svd:factors=2")).Message;
        Assert.Contains("Unknown algorithm 'svd'", unknown);
        Assert.Contains("item-knn", unknown);
        Assert.Contains("given twice", Assert.Throws<FormatException>(() => AlgorithmOptions.ParseSpecification("als:factors=8", ["factors=9"])).Message);
        Assert.Contains("'fast' is not an option of als", Assert.Throws<FormatException>(() => AlgorithmOptions.ParseSpecification("als:fast")).Message);
        Assert.Contains("similarity", Assert.Throws<FormatException>(() => AlgorithmOptions.ParseSpecification("item-knn:similarity=manhattan")).Message);

        var als = AlgorithmOptions.Parse(AlgorithmCatalog.Get("als"), []);
        Assert.Throws<ArgumentException>(() => AlgorithmCatalog.Get("bpr").Create(als));
        Assert.Contains("item features", Assert.Throws<ArgumentException>(() => AlgorithmCatalog.Get("content").Create(AlgorithmOptions.Parse(AlgorithmCatalog.Get("content"), []))).Message);
    }

    /// <summary>The options record a model was built with (every model exposes it as <c>Options</c>).</summary>
    private static object ModelOptionsOf(IRecommender model) =>
        model.GetType().GetProperty("Options", BindingFlags.Public | BindingFlags.Instance)?.GetValue(model)
        ?? throw new InvalidOperationException($"{model.Name} has no Options.");

    /// <summary>A valid value other than the default, as text.</summary>
    private static string OtherValue(Type optionsType, Hyperparameter parameter)
    {
        var property = optionsType.GetProperties().Single(p => p.GetCustomAttribute<HyperparameterAttribute>()?.Key == parameter.Name);
        var attribute = property.GetCustomAttribute<HyperparameterAttribute>()!;
        var type = property.PropertyType;
        if (type == typeof(bool))
        {
            return parameter.Default == "true" ? "false" : "true";
        }

        if (type.IsEnum)
        {
            return Enum.GetValues(type).Cast<Enum>().Select(OptionsBinder.EnumText).First(t => t != parameter.Default);
        }

        if (type == typeof(OptimizerSettings))
        {
            return parameter.Default == "sgd:0.25" ? "adagrad:0.25" : "sgd:0.25";
        }

        if (type == typeof(string))
        {
            return parameter.Default == "other" ? "another" : "other";
        }

        double current = double.Parse(parameter.Default, CultureInfo.InvariantCulture);
        double value = double.IsFinite(attribute.Maximum) ? (Math.Max(attribute.Minimum, 0) + attribute.Maximum) / 2 : current + 1;
        if (value.ToString(CultureInfo.InvariantCulture) == parameter.Default)
        {
            value = (value + attribute.Maximum) / 2;
        }

        return value.ToString(CultureInfo.InvariantCulture);
    }
}
