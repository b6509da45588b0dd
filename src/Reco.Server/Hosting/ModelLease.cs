namespace Reco.Server.Hosting;

/// <summary>A request's hold on one model version: the version cannot be disposed until the lease is.</summary>
public readonly struct ModelLease : IDisposable
{
    internal ModelLease(ServedModel model) => Model = model;

    /// <summary>The version this request is answered from.</summary>
    public ServedModel Model { get; }

    /// <summary>Lets go of the version.</summary>
    public void Dispose() => Model?.Release();
}
