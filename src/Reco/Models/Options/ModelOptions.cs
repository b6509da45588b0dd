namespace Reco.Models.Options;

/// <summary>Checks an options record handed to a model's constructor.</summary>
internal static class ModelOptions
{
    /// <summary><paramref name="options"/>, or the defaults, after checking every value's range.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names the option.</exception>
    public static T Checked<T>(T? options, string algorithm)
        where T : class, new()
    {
        var value = options ?? new T();
        OptionsBinder.Validate(value, algorithm);
        return value;
    }
}
