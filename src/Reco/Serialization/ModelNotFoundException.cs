namespace Reco.Serialization;

/// <summary>No saved model exists at the given folder.</summary>
public sealed class ModelNotFoundException(string message) : IOException(message);
