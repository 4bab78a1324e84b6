using Orleans.Serialization;
using Orleans.Storage;
using OrleansEval.Grains.Tests.Storage;

namespace OrleansEval.Grains.Tests.Cluster;

/// <summary>
/// Grain storage that outlives the clusters of a test and checks version tags as blob storage does: a write or delete
/// under a tag that is not the stored one is refused with <see cref="InconsistentStateException"/>. It can move the
/// tags of records on behind the grains' backs, as a store that restarted, or applied writes whose answers were lost,
/// leaves the tags a grain holds stale. Used by one test at a time.
/// </summary>
public sealed class TaggedGrainStorage(Serializer serializer) : SerializedGrainStorage<TaggedGrainStorage>(serializer)
{
    /// <inheritdoc />
    protected override bool ChecksTags => true;

    /// <summary>Gives every stored record whose state name starts with <paramref name="stateName"/> and whose grain key holds <paramref name="keyPart"/> a new tag.</summary>
    public static void MoveTagsOn(string stateName, string keyPart)
    {
        foreach (var key in Keys(stateName, keyPart))
        {
            Table.AddOrUpdate(key, _ => throw new InvalidOperationException(key), (_, stored) => (stored.State, Guid.NewGuid().ToString("N")));
        }
    }

    /// <summary>The stored records (as <c>state name/grain id</c>) whose state name starts with <paramref name="stateName"/> and whose grain key holds <paramref name="keyPart"/>.</summary>
    public static List<string> Keys(string stateName, string keyPart) =>
        [.. Table.Keys.Where(k => k.StartsWith(stateName, StringComparison.Ordinal) && k.Contains(keyPart, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
}
