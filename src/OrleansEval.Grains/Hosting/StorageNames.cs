namespace OrleansEval.Grains.Hosting;

/// <summary>Names of the storage providers the grains need; the host decides what backs them.</summary>
public static class StorageNames
{
    /// <summary>Grain state of models, columns and the model registry.</summary>
    public const string State = "orleanseval";
}
