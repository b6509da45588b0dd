namespace Reco.Data.Splits;

/// <summary>
/// Train/test folds that come with a data set (MovieLens 100k's <c>u1.base</c>/<c>u1.test</c> …), which an
/// evaluation protocol can name instead of making its own split.
/// </summary>
public interface IPredefinedFolds
{
    /// <summary>The specifications <see cref="Resolve"/> accepts, for help texts and errors (for example <c>u1…u5, ua, ub, u1-u5</c>).</summary>
    string Help { get; }

    /// <summary>The fold names a specification stands for (one name, or several for a range such as <c>u1-u5</c>), or null when it names none.</summary>
    IReadOnlyList<string>? Resolve(string specification);

    /// <summary>The fold <paramref name="name"/>, indexed by <paramref name="data"/>'s id maps (ids the maps lack are added).</summary>
    (Interactions Train, Interactions Test) Load(string name, Interactions data);
}
