using System.Buffers;
using System.Globalization;
using System.Numerics.Tensors;
using Reco.Data;
using Reco.Indexes;
using Reco.Models;
using Reco.Models.Baselines;
using Reco.Numerics;
using Reco.Serialization;

namespace Reco.Serving;

/// <summary>
/// Answers requests by id from any fitted <see cref="IRecommender"/>: the one place that maps the ids users
/// send to the model's indices and the model's answers back to ids and labels, and the one fallback for
/// users the model does not know. A user is known when the model saw at least one of their interactions in
/// training; anyone else gets the training data's most interacted-with items (<see cref="Popularity"/>),
/// with <see cref="Recommendation.Fallback"/> saying why, never the scores of an untrained or empty profile.
/// </summary>
/// <remarks>
/// Models whose scores are dot products (<see cref="IVectorModel"/>: als, bpr, biased-mf, svdpp, two-tower)
/// are answered through an <see cref="IVectorIndex"/> over their item vectors, chosen by
/// <see cref="ServingOptions.Index"/> and built on first use (or by <see cref="Verify"/>), or the index saved
/// beside a loaded model, imported and checked against the model's item vectors when the service is made; exclusions and
/// candidate lists go into the search. Other models score every item. Every method may be called from many
/// threads at once.
/// </remarks>
public sealed class RecommendationService : IDisposable
{
    private readonly Lazy<Popularity> _popularity;
    private readonly Lazy<int[]> _popularOrder;
    private readonly Lazy<int> _knownUsers;
    private readonly Lazy<VectorServing>? _vectors;

    /// <summary>Serves <paramref name="model"/>, which must be fitted.</summary>
    /// <param name="model">The model.</param>
    /// <param name="provenance">What it was trained on, when known (a saved model records it).</param>
    /// <param name="options">The index and the limits of diversity and explanations; the defaults when null.</param>
    public RecommendationService(IRecommender model, TrainingProvenance? provenance = null, ServingOptions? options = null)
        : this(model, provenance, options, null, null)
    {
    }

    /// <summary>
    /// Serves a loaded model (<see cref="RecommenderFile.Load"/>) with the index saved beside it when it has one
    /// of the kind <see cref="ServingOptions.Index"/> names (any kind for <c>auto</c>) and
    /// <see cref="ServingOptions.UseSavedIndex"/> is on; the saved index is imported and checked against the
    /// model's item vectors here, otherwise an index is built as for any model.
    /// </summary>
    /// <param name="saved">The loaded model.</param>
    /// <param name="options">The index and the limits of diversity and explanations; the defaults when null.</param>
    /// <exception cref="CorruptModelException">The saved index does not hold the model's item vectors, or its files do not fit together.</exception>
    public RecommendationService(SavedModel saved, ServingOptions? options = null)
        : this(Checked(saved).Model, saved.Provenance, options, saved.Index, saved.Directory)
    {
    }

    private RecommendationService(IRecommender model, TrainingProvenance? provenance, ServingOptions? options, SavedIndex? savedIndex, string? directory)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        TrainingData = model.TrainingData ?? throw new ArgumentException($"Fit the {model.Name} model before serving it.", nameof(model));
        Provenance = provenance;
        Options = options ?? new ServingOptions();
        if (!VectorIndex.KindNames.Contains(Options.Index.ToLowerInvariant()))
        {
            throw new ArgumentException($"Unknown index kind \"{Options.Index}\"; expected exact, hnsw, ivf or auto.", nameof(options));
        }

        _ = TrainingData.ByUser(); // built once here, not by the first concurrent requests
        _popularity = new Lazy<Popularity>(() =>
        {
            var popularity = new Popularity();
            popularity.Fit(TrainingData);
            return popularity;
        });
        _popularOrder = new Lazy<int[]>(() =>
        {
            var scores = _popularity.Value.ItemScores.ToArray();
            var order = new int[scores.Length];
            TopK.Select(scores, order);
            return order;
        });
        _knownUsers = new Lazy<int>(() => Enumerable.Range(0, TrainingData.UserCount).Count(u => TrainingData.ByUser().ItemsOf(u).Length > 0));
        if (model is IVectorModel vectorModel)
        {
            var usable = Usable(savedIndex, Options);
            _vectors = new Lazy<VectorServing>(() => new VectorServing(vectorModel, TrainingData.UserCount, TrainingData.ItemCount, Options, usable));
            if (usable is not null)
            {
                // A saved index is checked now, so that one that does not belong to the model fails the load.
                try
                {
                    _ = _vectors.Value;
                }
                catch (InvalidDataException e)
                {
                    var where = directory ?? ".";
                    throw new CorruptModelException(Path.Combine(where, "index.json"), $"The model in '{where}' cannot be served with its saved index: {e.Message}");
                }
            }
        }
    }

    /// <summary>The model.</summary>
    public IRecommender Model { get; }

    /// <summary>What the model was trained on (its users, items and interactions).</summary>
    public Interactions TrainingData { get; }

    /// <summary>What the model was trained on, when known.</summary>
    public TrainingProvenance? Provenance { get; }

    /// <summary>How the service answers.</summary>
    public ServingOptions Options { get; }

    /// <summary>The kind of the vector index (building it if needed), or null for models without vectors.</summary>
    public VectorIndexKind? IndexKind => _vectors?.Value.Index.Kind;

    /// <summary>True when the index is the one saved beside the model (<see cref="SavedModel.Index"/>) rather than one built at load.</summary>
    public bool UsesSavedIndex => _vectors?.Value.LoadedFromSave == true;

    /// <summary>Whether the index was loaded or built and why it is what it is (the auto rule's figures), or how a model without vectors is answered.</summary>
    public string IndexDescription => _vectors?.Value.Reason ?? $"none: the {Model.Name} model has no item vectors, so every item is scored";

    /// <summary>Loads the model saved in <paramref name="directory"/>, verifying every file.</summary>
    public static RecommendationService Load(string directory) => Load(directory, null);

    /// <summary>
    /// Loads the model saved in <paramref name="directory"/> (a model folder or one version of it), verifying every
    /// file, with the index saved beside it when there is a usable one (see
    /// <see cref="RecommendationService(SavedModel, ServingOptions?)"/>).
    /// </summary>
    /// <exception cref="ModelNotFoundException">There is no model there.</exception>
    /// <exception cref="CorruptModelException">A file is missing, truncated or altered, or the saved index does not belong to the model.</exception>
    public static RecommendationService Load(string directory, ServingOptions? options) => new(RecommenderFile.Load(directory), options);

    /// <summary>The model's index of <paramref name="userId"/> when the model saw at least one interaction of theirs, else −1.</summary>
    public int KnownUser(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        int user = TrainingData.Users.IndexOf(userId);
        return user >= 0 && TrainingData.ByUser().ItemsOf(user).Length > 0 ? user : -1;
    }

    /// <summary>The model's index of <paramref name="itemId"/>, or −1.</summary>
    public int ItemIndex(string itemId)
    {
        ArgumentNullException.ThrowIfNull(itemId);
        return TrainingData.Items.IndexOf(itemId);
    }

    /// <summary>The best <paramref name="k"/> items for the user with id <paramref name="userId"/>.</summary>
    /// <exception cref="ArgumentException">The diversity is outside 0 … 1, or is asked of a model without item vectors.</exception>
    public Recommendation Recommend(string userId, int k, RecommendationRequest? request = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        request ??= new RecommendationRequest();
        var vectors = CheckDiversity(request);
        int user = KnownUser(userId);
        if (user < 0)
        {
            return Fallback(
                userId,
                k,
                request,
                RequestRestrictions.For(request, TrainingData, -1),
                $"user '{userId}' is not among the {_knownUsers.Value:N0} users the model was trained on; showing the most popular items instead");
        }

        var restrictions = RequestRestrictions.For(request, TrainingData, user);
        int pool = Pool(k, request);
        var ids = ArrayPool<int>.Shared.Rent(pool);
        var scores = ArrayPool<float>.Shared.Rent(pool);
        try
        {
            int found;
            if (restrictions.NoCandidates)
            {
                found = 0;
            }
            else if (vectors is not null)
            {
                var query = ArrayPool<float>.Shared.Rent(vectors.Dimension);
                try
                {
                    vectors.UserVector(user, query);
                    found = vectors.Search(query.AsSpan(0, vectors.Dimension), pool, restrictions.ForIndex(), restrictions.Excluded(), ids, scores);
                }
                finally
                {
                    ArrayPool<float>.Shared.Return(query);
                }

                float offset = vectors.Model.UserOffset(user);
                if (offset != 0)
                {
                    TensorPrimitives.Add(scores.AsSpan(0, found), offset, scores.AsSpan(0, found));
                }
            }
            else
            {
                found = BestOfAllScores(s => Model.ScoreItems(user, s), pool, restrictions.Excluded(), ids, scores);
            }

            found = Diversify(ids, scores, found, k, request, vectors);
            var source = ExplanationSourceFor(request, vectors, canUseModel: true);
            var history = source == ExplanationSource.ItemSimilarity ? TrainingData.ByUser().ItemsOf(user).ToArray() : [];
            var items = new RecommendedItem[found];
            for (int r = 0; r < found; r++)
            {
                items[r] = Item(ids[r], scores[r]) with { Because = Because(source, user, ids[r], history, vectors) };
            }

            return new Recommendation(userId, items, null) { Explanations = source };
        }
        finally
        {
            ArrayPool<int>.Shared.Return(ids);
            ArrayPool<float>.Shared.Return(scores);
        }
    }

    /// <summary>The <paramref name="k"/> items the model finds most like <paramref name="itemId"/>.</summary>
    /// <exception cref="ArgumentException">The item is unknown, or the model does not compute item similarities.</exception>
    public IReadOnlyList<RecommendedItem> Similar(string itemId, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        int item = ItemIndex(itemId);
        if (item < 0)
        {
            throw new ArgumentException($"Item '{itemId}' is not among the {TrainingData.ItemCount:N0} items of the model.");
        }

        if (Model is not ISimilarItems similar)
        {
            throw new ArgumentException($"The {Model.Name} model does not compute item similarities; {SimilarModels()} do.");
        }

        return [.. similar.SimilarItems(item, k).Select(s => Item(s.Item, s.Score))];
    }

    /// <summary>
    /// The best <paramref name="k"/> items for someone the model was not trained on, from the ids of the
    /// items they interacted with: scored by fold-in where the model supports it, by the mean of their items'
    /// vectors for other vector models (<see cref="RecommendationMethod.ItemAverage"/>), else the popularity
    /// fallback. Their own items are left out; ids the model does not know are ignored (and listed in
    /// <see cref="Recommendation.IgnoredItems"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The diversity is outside 0 … 1, or is asked of a model without item vectors.</exception>
    public Recommendation RecommendForHistory(IReadOnlyList<string> itemIds, int k, RecommendationRequest? request = null)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        request ??= new RecommendationRequest();
        var vectors = CheckDiversity(request);
        var known = new List<int>(itemIds.Count);
        var ignored = new List<string>();
        foreach (var id in itemIds)
        {
            int item = ItemIndex(id);
            if (item >= 0)
            {
                known.Add(item);
            }
            else if (!ignored.Contains(id))
            {
                ignored.Add(id);
            }
        }

        var history = known.Distinct().Order().ToArray();
        var restrictions = RequestRestrictions.For(request, TrainingData, -1, history);
        const string NewUser = "(new user)";
        if (history.Length == 0 || (Model is not IFoldIn && vectors is null))
        {
            string why = history.Length == 0 ? "none of the given items is known to the model" : $"the {Model.Name} model cannot score a new user's history";
            return Fallback(NewUser, k, request, restrictions, $"{why}; showing the most popular items instead") with { IgnoredItems = ignored };
        }

        int pool = Pool(k, request);
        var ids = ArrayPool<int>.Shared.Rent(pool);
        var scores = ArrayPool<float>.Shared.Rent(pool);
        try
        {
            RecommendationMethod method;
            int found;
            if (restrictions.NoCandidates)
            {
                found = 0;
                method = Model is IFoldIn ? RecommendationMethod.FoldIn : RecommendationMethod.ItemAverage;
            }
            else if (Model is IFoldIn foldIn)
            {
                found = BestOfAllScores(s => foldIn.ScoreNewUser(history, [], s), pool, restrictions.Excluded(), ids, scores);
                method = RecommendationMethod.FoldIn;
            }
            else
            {
                var query = new float[vectors!.Dimension];
                vectors.Table.MeanQuery(history, query);
                found = vectors.Search(query, pool, restrictions.ForIndex(), restrictions.Excluded(), ids, scores);
                method = RecommendationMethod.ItemAverage;
            }

            found = Diversify(ids, scores, found, k, request, vectors);
            var source = ExplanationSourceFor(request, vectors, canUseModel: false);
            var items = new RecommendedItem[found];
            for (int r = 0; r < found; r++)
            {
                items[r] = Item(ids[r], scores[r]) with { Because = Because(source, -1, ids[r], history, vectors) };
            }

            return new Recommendation(NewUser, items, null) { Method = method, Explanations = source, IgnoredItems = ignored };
        }
        finally
        {
            ArrayPool<int>.Shared.Return(ids);
            ArrayPool<float>.Shared.Return(scores);
        }
    }

    /// <summary>The training items of the user that led the model to score <paramref name="itemId"/>, when the model explains itself.</summary>
    public IReadOnlyList<RecommendedItem> Explain(string userId, string itemId, int count)
    {
        int user = KnownUser(userId);
        int item = ItemIndex(itemId);
        if (user < 0 || item < 0 || Model is not IExplainable explainable)
        {
            return [];
        }

        return [.. explainable.Explain(user, item, count).Select(s => Item(s.Item, s.Score))];
    }

    /// <summary>The user's training items, with their ratings (or 1 for implicit data).</summary>
    public IReadOnlyList<RecommendedItem> History(string userId)
    {
        int user = TrainingData.Users.IndexOf(userId);
        if (user < 0)
        {
            return [];
        }

        var byUser = TrainingData.ByUser();
        var items = byUser.ItemsOf(user);
        var values = byUser.ValuesOf(user);
        var history = new List<RecommendedItem>(items.Length);
        for (int p = 0; p < items.Length; p++)
        {
            history.Add(Item(items[p], values[p]));
        }

        return history;
    }

    /// <summary>
    /// Builds the index (for vector models) and checks that the model answers sensibly, so that a server can
    /// refuse a model before it serves anyone: for a sample of known users every score must be a finite
    /// number, and the index's best item must score what the model itself gives that item (the index was
    /// built from the same parameters the model scores with).
    /// </summary>
    /// <exception cref="InvalidDataException">The model scores an item as something other than a finite number, or its index disagrees with it.</exception>
    public void Verify(int users = 8)
    {
        var vectors = _vectors?.Value;
        var byUser = TrainingData.ByUser();
        var known = Enumerable.Range(0, TrainingData.UserCount).Where(u => byUser.ItemsOf(u).Length > 0).ToArray();
        if (known.Length == 0)
        {
            throw new InvalidDataException($"The {Model.Name} model was trained on no interactions.");
        }

        var scores = new float[TrainingData.ItemCount];
        int step = Math.Max(1, known.Length / Math.Max(1, users));
        for (int s = 0; s < known.Length; s += step)
        {
            int user = known[s];
            Model.ScoreItems(user, scores);
            int bad = Array.FindIndex(scores, v => !float.IsFinite(v));
            if (bad >= 0)
            {
                throw new InvalidDataException($"The {Model.Name} model scores item '{TrainingData.Items[bad]}' for user '{TrainingData.Users[user]}' as {scores[bad].ToString(CultureInfo.InvariantCulture)}.");
            }

            if (vectors is null)
            {
                continue;
            }

            var query = new float[vectors.Dimension];
            vectors.UserVector(user, query);
            var answer = vectors.Index.Search(query, 1);
            if (answer.Found(0) != 1)
            {
                throw new InvalidDataException($"The {vectors.Index.Kind.ToString().ToLowerInvariant()} index of the {Model.Name} model finds no item for user '{TrainingData.Users[user]}'.");
            }

            int item = answer.Ids(0)[0];
            float fromIndex = answer.Scores(0)[0] + vectors.Model.UserOffset(user);
            float fromModel = scores[item];
            if (!(Math.Abs(fromIndex - fromModel) <= 1e-3f * (1 + Math.Abs(fromModel))))
            {
                throw new InvalidDataException(
                    $"The index of the {Model.Name} model scores item '{TrainingData.Items[item]}' for user '{TrainingData.Users[user]}' as {fromIndex.ToString("G6", CultureInfo.InvariantCulture)} but the model as {fromModel.ToString("G6", CultureInfo.InvariantCulture)}.");
            }
        }
    }

    /// <summary>
    /// The model's index of each of <paramref name="items"/>: by id, or by label when the model's items are
    /// labels (a model trained on movie titles, as the TFRS tutorials do, evaluated on data keyed by movie id);
    /// −1 for an item the model does not know.
    /// </summary>
    public int[] MapItems(IdMap items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var rows = new int[items.Count];
        for (int i = 0; i < rows.Length; i++)
        {
            int row = ItemIndex(items[i]);
            rows[i] = row >= 0 ? row : TrainingData.Items.IndexOf(items.LabelOf(i));
        }

        return rows;
    }

    /// <summary>
    /// Scores for evaluating the model on other data that names users and items by the same ids (or items by
    /// the labels the model was trained on): for each of <paramref name="data"/>'s users a score for each of its
    /// items; items the model does not know score lowest, users it does not know get the popularity fallback's scores.
    /// </summary>
    public Evaluation.ScoreFunction ScoresFor(Interactions data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var itemRows = MapItems(data.Items);

        var popularity = _popularity.Value.ItemScores.ToArray();
        return (user, scores) =>
        {
            int row = KnownUser(data.Users[user]);
            var own = new float[TrainingData.ItemCount];
            if (row >= 0)
            {
                Model.ScoreItems(row, own);
            }
            else
            {
                popularity.CopyTo(own, 0);
            }

            for (int i = 0; i < scores.Length; i++)
            {
                scores[i] = itemRows[i] >= 0 ? own[itemRows[i]] : float.MinValue;
            }
        };
    }

    /// <summary>Releases the index (an HNSW index holds native memory).</summary>
    public void Dispose()
    {
        if (_vectors is { IsValueCreated: true } vectors)
        {
            vectors.Value.Dispose();
        }
    }

    private static SavedModel Checked(SavedModel saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        return saved;
    }

    /// <summary>The saved index when the options ask for its kind (or <c>auto</c>) and allow saved indexes.</summary>
    private static SavedIndex? Usable(SavedIndex? saved, ServingOptions options)
    {
        if (saved is null || !options.UseSavedIndex)
        {
            return null;
        }

        if (string.Equals(options.Index, "auto", StringComparison.OrdinalIgnoreCase))
        {
            // A saved HNSW graph needs USearch's native library; without it auto builds its own choice.
            return saved.Kind != VectorIndexKind.Hnsw || HnswIndex.IsAvailable ? saved : null;
        }

        return VectorIndex.ParseKind(options.Index) == saved.Kind ? saved : null;
    }

    private static string SimilarModels() => "item-knn, ease, als, bpr, biased-mf, svdpp, content and two-tower";

    private VectorServing? CheckDiversity(RecommendationRequest request)
    {
        if (!(request.Diversity >= 0 && request.Diversity <= 1))
        {
            throw new ArgumentException($"The diversity must be a number from 0 to 1; got {request.Diversity.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (request.Diversity > 0 && _vectors is null)
        {
            throw new ArgumentException($"The {Model.Name} model has no item vectors to measure variety with; diversity works with the als, bpr, biased-mf, svdpp and two-tower models.");
        }

        return _vectors?.Value;
    }

    private int Pool(int k, RecommendationRequest request)
    {
        int wanted = request.Diversity > 0 ? Math.Max(k, Math.Max(Options.DiversityPool, 5 * k)) : k;
        return Math.Max(1, Math.Min(wanted, TrainingData.ItemCount));
    }

    private static int Diversify(int[] ids, float[] scores, int found, int k, RecommendationRequest request, VectorServing? vectors) =>
        vectors is not null && request.Diversity > 0
            ? MaximalMarginalRelevance.Rerank(ids, scores, found, k, request.Diversity, vectors.Table)
            : Math.Min(found, k);

    /// <summary>Scores every item with <paramref name="score"/> and keeps the best <paramref name="wanted"/> allowed ones.</summary>
    private int BestOfAllScores(Action<float[]> score, int wanted, Func<int, bool>? excluded, int[] ids, float[] scores)
    {
        int n = TrainingData.ItemCount;
        var all = ArrayPool<float>.Shared.Rent(n);
        try
        {
            var full = all.AsSpan(0, n);
            if (all.Length == n)
            {
                score(all);
            }
            else
            {
                var exact = new float[n];
                score(exact);
                exact.CopyTo(full);
            }

            int found = TopK.Select(full, ids.AsSpan(0, wanted), excluded);
            for (int r = 0; r < found; r++)
            {
                scores[r] = full[ids[r]];
            }

            return found;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(all);
        }
    }

    private Recommendation Fallback(string user, int k, RecommendationRequest request, RequestRestrictions restrictions, string why)
    {
        var popularity = _popularity.Value.ItemScores;
        int pool = Pool(k, request);
        var ids = new int[pool];
        var scores = new float[pool];
        int found = 0;
        if (!restrictions.NoCandidates)
        {
            foreach (int item in _popularOrder.Value)
            {
                if (restrictions.Allows(item))
                {
                    ids[found] = item;
                    scores[found] = popularity[item];
                    if (++found == pool)
                    {
                        break;
                    }
                }
            }
        }

        found = Diversify(ids, scores, found, k, request, _vectors?.Value);
        var items = new RecommendedItem[found];
        for (int r = 0; r < found; r++)
        {
            items[r] = Item(ids[r], scores[r]);
        }

        return new Recommendation(user, items, why) { Method = RecommendationMethod.Popularity };
    }

    private ExplanationSource ExplanationSourceFor(RecommendationRequest request, VectorServing? vectors, bool canUseModel)
    {
        if (!request.Explain)
        {
            return ExplanationSource.None;
        }

        if (canUseModel && Model is IExplainable)
        {
            return ExplanationSource.Model;
        }

        return vectors is not null ? ExplanationSource.ItemSimilarity : ExplanationSource.None;
    }

    private RecommendedItem[]? Because(ExplanationSource source, int user, int item, int[] history, VectorServing? vectors)
    {
        int count = Math.Clamp(Options.ExplanationCount, 0, 64);
        switch (source)
        {
            case ExplanationSource.Model:
                var explained = ((IExplainable)Model).Explain(user, item, count);
                var result = new RecommendedItem[explained.Count];
                for (int e = 0; e < result.Length; e++)
                {
                    result[e] = Item(explained[e].Item, explained[e].Score);
                }

                return result;
            case ExplanationSource.ItemSimilarity:
                return SimilarHistory(item, history, count, vectors!.Table);
            default:
                return null;
        }
    }

    /// <summary>The <paramref name="count"/> items of <paramref name="history"/> with the largest positive cosine to <paramref name="item"/>.</summary>
    private RecommendedItem[] SimilarHistory(int item, int[] history, int count, ItemVectorTable table)
    {
        var cosines = ArrayPool<float>.Shared.Rent(history.Length);
        try
        {
            table.CosinesTo(item, history, cosines);
            Span<int> best = stackalloc int[count];
            Span<float> bestCosine = stackalloc float[count];
            int kept = 0;
            for (int h = 0; h < history.Length; h++)
            {
                float cosine = cosines[h];
                if (!(cosine > 0) || history[h] == item)
                {
                    continue;
                }

                int at;
                if (kept < count)
                {
                    at = kept++;
                }
                else if (cosine > bestCosine[count - 1])
                {
                    at = count - 1;
                }
                else
                {
                    continue;
                }

                // Insertion into the short best-first list.
                while (at > 0 && bestCosine[at - 1] < cosine)
                {
                    best[at] = best[at - 1];
                    bestCosine[at] = bestCosine[at - 1];
                    at--;
                }

                best[at] = history[h];
                bestCosine[at] = cosine;
            }

            var result = new RecommendedItem[kept];
            for (int e = 0; e < kept; e++)
            {
                result[e] = Item(best[e], bestCosine[e]);
            }

            return result;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(cosines);
        }
    }

    private RecommendedItem Item(int item, float score) => new(TrainingData.Items[item], TrainingData.Items.LabelOf(item), score);
}
