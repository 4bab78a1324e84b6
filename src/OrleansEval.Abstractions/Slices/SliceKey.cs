using OrleansEval.Keys;

namespace OrleansEval.Slices;

/// <summary>
/// A slice: a family (the grain that keeps it) and a member within the family. Elementary slices of a column share
/// one family per column; the whole model and each user-defined slice are families of one member. The API names a
/// slice <c>all</c>, <c>location = Seattle</c>, <c>temp_max in [9.4, 16.1)</c>, or by its user-given name. Only the
/// family reaches a grain key; its prefixes end in ':', which no name may hold, so a column family and a user family
/// never share a key. A user family also names the definition's generation (after '@', which no name may
/// hold either) after its first one, so a slice deleted and defined again under the same name starts a family of its own.
/// </summary>
[GenerateSerializer]
[Alias("OrleansEval.SliceKey")]
[Immutable]
public sealed record SliceKey([property: Id(0)] string Family, [property: Id(1)] string Member)
{
    /// <summary>Family and member of the whole-model slice.</summary>
    public const string All = "all";

    /// <summary>Longest category a slice id may name, as long as the longest string value a record may carry.</summary>
    public const int MaxMemberLength = 512;

    private const string ColumnPrefix = "column:";
    private const string UserPrefix = "slice:";
    private const char GenerationSeparator = '@';

    /// <summary>The whole model.</summary>
    public static SliceKey Everything { get; } = new(All, All);

    /// <summary>The family of a column's elementary slices.</summary>
    public static string ColumnFamily(string column) => ColumnPrefix + column;

    /// <summary>The family of a user-defined slice, as the API names it (no generation): resolve it against the model.</summary>
    public static string UserFamily(string name) => UserPrefix + name;

    /// <summary>
    /// The family of definition <paramref name="generation"/> of user slice <paramref name="name"/> (0 for the first,
    /// which keeps the bare name, as slices stored before generations were kept).
    /// </summary>
    public static string UserFamily(string name, int generation) =>
        generation > 0 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{UserPrefix}{name}{GenerationSeparator}{generation}") : UserPrefix + name;

    /// <summary>An elementary slice: a column's category or a numeric interval written as <c>[a, b)</c>.</summary>
    public static SliceKey OfColumn(string column, string member) => new(ColumnFamily(column), member);

    /// <summary>A user-defined slice as the API names it (no generation).</summary>
    public static SliceKey OfUser(string name) => new(UserFamily(name), All);

    /// <summary>Definition <paramref name="generation"/> of user slice <paramref name="name"/>.</summary>
    public static SliceKey OfUser(string name, int generation) => new(UserFamily(name, generation), All);

    /// <summary>The name of a user-defined slice, without the generation its family names; null for other slices.</summary>
    public string? UserName => Family.StartsWith(UserPrefix, StringComparison.Ordinal)
        ? Family[UserPrefix.Length..].Split(GenerationSeparator)[0]
        : null;

    /// <summary>The column of an elementary slice, or null.</summary>
    public string? Column => Family.StartsWith(ColumnPrefix, StringComparison.Ordinal) ? Family[ColumnPrefix.Length..] : null;

    /// <summary>The name the API uses for this slice.</summary>
    public string ApiId => Family switch
    {
        All => All,
        _ when Column is { } column => Member.StartsWith('[') ? $"{column} in {Member}" : $"{column} = {Member}",
        _ => UserName ?? Family,
    };

    /// <summary>Reads a slice as the API names it.</summary>
    public static SliceKey FromApiId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id == All)
        {
            return Everything;
        }

        var inRange = id.IndexOf(" in [", StringComparison.Ordinal);
        if (inRange > 0)
        {
            return OfColumn(id[..inRange], id[(inRange + 4)..]);
        }

        var equals = id.IndexOf(" = ", StringComparison.Ordinal);
        return equals > 0 ? OfColumn(id[..equals], id[(equals + 3)..]) : OfUser(id);
    }

    /// <summary>
    /// Null when <paramref name="id"/> is a slice id of a form the API accepts, with a column or slice name that
    /// follows <see cref="NameRules"/>; otherwise the rule it breaks.
    /// </summary>
    public static string? Check(string? id)
    {
        if (id is null or All)
        {
            return id is null ? "is required" : null;
        }

        var key = FromApiId(id);
        var name = key.Column ?? key.Family[UserPrefix.Length..];
        var member = key.Member;
        return NameRules.IsValidName(name) && member.Length <= MaxMemberLength && !member.Any(char.IsControl)
            ? null
            : $"{Quoting.Quote(id)} must be 'all', a defined slice's name, 'column = value' or 'column in [lower, upper)', "
              + $"where a name is {NameRules.NameRule} and a value at most {MaxMemberLength} characters without control characters";
    }
}
