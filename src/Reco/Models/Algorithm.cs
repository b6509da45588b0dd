using System.Diagnostics.CodeAnalysis;
using Reco.Data;
using Reco.Models.Options;
using Reco.Data.Sources.Parquet;

namespace Reco.Models;

/// <summary>An algorithm that can be created by name: its options record type and how to build it.</summary>
public sealed class Algorithm
{
    private readonly Func<object, ItemFeatures?, IRecommender> _create;
    private Func<object, int, int, MemoryEstimate>? _memory;

    private Algorithm(string name, string description, Type optionsType, bool needsItemFeatures, Func<object, ItemFeatures?, IRecommender> create)
    {
        Name = name;
        Description = description;
        OptionsType = optionsType;
        NeedsItemFeatures = needsItemFeatures;
        _create = create;
        Parameters = OptionsBinder.Describe(optionsType);
    }

    /// <summary>Its name (<c>popularity</c>, <c>two-tower</c>, …).</summary>
    public string Name { get; }

    /// <summary>One line on what it is.</summary>
    public string Description { get; }

    /// <summary>Its hyper-parameters with their defaults, read from its options record.</summary>
    public IReadOnlyList<Hyperparameter> Parameters { get; }

    /// <summary>The options record type its constructor takes.</summary>
    public Type OptionsType { get; }

    /// <summary>Whether it needs item features (the content model).</summary>
    public bool NeedsItemFeatures { get; }

    /// <summary>Builds an unfitted model from parsed options.</summary>
    /// <exception cref="ArgumentException">The algorithm needs item features and the options carry none.</exception>
    public IRecommender Create(AlgorithmOptions options) => Create(options, loading: false);

    /// <summary>
    /// Builds an unfitted model to be fitted on <paramref name="data"/> (or its folds): a model that uses side features
    /// (<see cref="IUsesFeatures"/>) gets the data set's user and item feature tables.
    /// </summary>
    /// <param name="options">The algorithm's parsed options.</param>
    /// <param name="data">The data set whose interactions (or folds) the model will be fitted on.</param>
    /// <exception cref="ArgumentException">The algorithm needs item features and the options carry none.</exception>
    public IRecommender Create(AlgorithmOptions options, DataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var model = Create(options);
        if (model is IUsesFeatures features)
        {
            features.UseFeatures(data.Loaded.UserFeatures, data.Loaded.ItemFeatures);
        }

        return model;
    }

    /// <summary>Builds a model; one that is about to import a saved state may lack its side data, which the state holds.</summary>
    internal IRecommender Create(AlgorithmOptions options, bool loading)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!ReferenceEquals(options.Algorithm, this))
        {
            throw new ArgumentException($"These options are {options.Algorithm.Name}'s, not {Name}'s.", nameof(options));
        }

        if (NeedsItemFeatures && options.ItemFeatures is null && !loading)
        {
            throw new ArgumentException($"The {Name} model needs item features, and this data has none: load a MovieLens folder or give the items a feature file.");
        }

        return _create(options.Values, options.ItemFeatures);
    }

    /// <summary>About how much memory fitting these options on <paramref name="users"/> × <paramref name="items"/> needs, when the algorithm's needs grow with the data's shape.</summary>
    public MemoryEstimate? EstimateMemory(AlgorithmOptions options, int users, int items)
    {
        ArgumentNullException.ThrowIfNull(options);
        return _memory?.Invoke(options.Values, users, items);
    }

    /// <summary>Checks, before any work, that fitting on <paramref name="data"/> can fit in memory.</summary>
    /// <exception cref="ArgumentException">It would not; the message says how much it needs and why.</exception>
    public void EnsureFits(AlgorithmOptions options, Interactions data)
    {
        ArgumentNullException.ThrowIfNull(data);
        EstimateMemory(options, data.UserCount, data.ItemCount)?.EnsureFits(options.Label, data.UserCount, data.ItemCount, MemoryEstimate.Available);
    }

    /// <summary>Gives the algorithm a memory estimate.</summary>
    internal Algorithm Needs<TOptions>(Func<TOptions, int, int, MemoryEstimate> memory)
    {
        _memory = (o, users, items) => memory((TOptions)o, users, items);
        return this;
    }

    internal static Algorithm Of<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(
        string name, string description, Func<TOptions, IRecommender> create)
        where TOptions : class, new()
        => new(name, description, typeof(TOptions), false, (o, _) => create((TOptions)o));

    internal static Algorithm WithItemFeatures<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(
        string name, string description, Func<TOptions, ItemFeatures, IRecommender> create)
        where TOptions : class, new()
        => new(name, description, typeof(TOptions), true, (o, features) => create((TOptions)o, features!));
}
