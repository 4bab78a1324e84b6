using OrleansEval.Ingest;
using OrleansEval.Keys;

namespace OrleansEval.Gateway.Records;

/// <summary>
/// The rule each name of one batch's record table breaks, if any, checked once per name: a batch names the same few
/// features on every record, so a reader asks for each name's rule far more often than there are names.
/// </summary>
internal sealed class NameRuleCache(RecordTableBuilder names)
{
    private string?[] _rules = new string?[32];
    private bool[] _checked = new bool[32];

    /// <summary>The rule the name numbered <paramref name="name"/> in the table breaks, or null when it breaks none.</summary>
    public string? RuleOf(int name)
    {
        if (name >= _checked.Length)
        {
            Array.Resize(ref _checked, Math.Max(name + 1, _checked.Length * 2));
            Array.Resize(ref _rules, _checked.Length);
        }

        if (!_checked[name])
        {
            _rules[name] = NameRules.Check(NameKind.Name, names.NameOf(name));
            _checked[name] = true;
        }

        return _rules[name];
    }
}
