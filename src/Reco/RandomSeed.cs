namespace Reco;

/// <summary>
/// The process-wide seed that layers draw their initial weights from when no seed is given,
/// like <c>tf.keras.utils.set_random_seed</c>: set it once and every run is reproducible.
/// </summary>
public static class RandomSeed
{
    private static readonly Lock Gate = new();
    private static Random _sequence = new(0);

    /// <summary>Resets the sequence of seeds handed to layers created from now on.</summary>
    public static void Set(int seed)
    {
        lock (Gate)
        {
            _sequence = new Random(seed);
        }
    }

    /// <summary>The next seed in the sequence (each layer takes its own, so towers differ).</summary>
    public static int Next()
    {
        lock (Gate)
        {
            return _sequence.Next();
        }
    }
}
