namespace OrleansEval.Sketches.Slicing;

/// <summary>
/// The level-wise enumeration of one search: the stats of every candidate examined, the surviving slices of the last level,
/// and the best k slices so far (score above 0), whose k-th score prunes the next level.
/// </summary>
internal sealed class SliceLattice(PredicateIndex index, SliceScore score, int k, double slack)
{
    private List<Candidate> _level = [];

    /// <summary>The stats of every candidate whose rows were counted, in the order examined.</summary>
    public List<SliceStats> Examined { get; } = [];

    /// <summary>The best slices so far, best first, at most k.</summary>
    public List<Ranked> Best { get; private set; } = [];

    /// <summary>Searches levels 1 to <paramref name="maxConditions"/>, stopping when <paramref name="cancellationToken"/> is cancelled.</summary>
    public void Run(int maxConditions, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { CancellationToken = cancellationToken };
        var singles = new List<Candidate>();
        for (var id = 0; id < index.Predicates.Count; id++)
        {
            singles.Add(new Candidate([id], index.Stats[id]));
        }

        Admit(singles);
        var searchableSingles = _level.Where(single => index.IsSearchable(single.Ids[0])).ToList();
        for (var level = 2; level <= maxConditions && _level.Count > 0; level++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var candidates = Join(searchableSingles);
            if (level == 2)
            {
                EvaluatePairs(candidates, parallel);
            }
            else
            {
                EvaluateByParent(candidates, parallel);
            }

            Admit(candidates);
        }
    }

    /// <summary>
    /// Counts two-predicate candidates a pair of columns at a time: one sweep of the rows fills the table of every code pair
    /// of the two columns, which answers each candidate on them.
    /// </summary>
    private void EvaluatePairs(List<Candidate> candidates, ParallelOptions parallel)
    {
        var byColumns = new Dictionary<(int, int), List<int>>();
        for (var i = 0; i < candidates.Count; i++)
        {
            var columns = (index.Predicates[candidates[i].Ids[0]].Column, index.Predicates[candidates[i].Ids[1]].Column);
            if (!byColumns.TryGetValue(columns, out var members))
            {
                members = [];
                byColumns[columns] = members;
            }

            members.Add(i);
        }

        var groups = byColumns.Values.ToList();
        Parallel.For(0, groups.Count, parallel, group =>
        {
            var members = groups[group];
            var stats = index.CountPairs(members.ConvertAll(i => (candidates[i].Ids[0], candidates[i].Ids[1])));
            for (var j = 0; j < members.Count; j++)
            {
                candidates[members[j]] = candidates[members[j]] with { Stats = stats[j] };
            }
        });
    }

    /// <summary>
    /// Counts candidates that extend the same parent (they are consecutive, as joined) in one sweep of the rows: each row
    /// of the parent is counted in the table of every extending column.
    /// </summary>
    private void EvaluateByParent(List<Candidate> candidates, ParallelOptions parallel)
    {
        var starts = new List<int>();
        for (var i = 0; i < candidates.Count; i++)
        {
            if (i == 0 || !candidates[i].Ids.AsSpan(0, candidates[i].Ids.Length - 1).SequenceEqual(candidates[i - 1].Ids.AsSpan(0, candidates[i - 1].Ids.Length - 1)))
            {
                starts.Add(i);
            }
        }

        starts.Add(candidates.Count);
        Parallel.For(0, starts.Count - 1, parallel, group =>
        {
            var first = candidates[starts[group]].Ids;
            var extending = candidates.GetRange(starts[group], starts[group + 1] - starts[group]).ConvertAll(candidate => candidate.Ids[^1]);
            var stats = index.Extend(first.AsSpan(0, first.Length - 1), extending);
            for (var j = 0; j < stats.Length; j++)
            {
                candidates[starts[group] + j] = candidates[starts[group] + j] with { Stats = stats[j] };
            }
        });
    }

    /// <summary>Records the candidates as examined, updates the best k, and keeps as parents those that may still lead to one.</summary>
    private void Admit(List<Candidate> candidates)
    {
        foreach (var candidate in candidates)
        {
            var stats = candidate.Stats;
            Examined.Add(stats);
            if (stats.Size >= score.MinSize && score.Of(stats.Size, stats.ErrorSum) is var value && value > 0)
            {
                Best.Add(new Ranked(candidate.Ids, value, Examined.Count - 1));
            }
        }

        Best.Sort(Ranked.BestFirst);
        Best = Best.Take(k).ToList();
        var threshold = Threshold();
        _level = candidates
            .Where(candidate => score.UpperBound(candidate.Stats.Size, candidate.Stats.ErrorSum, candidate.Stats.MaxError) >= threshold)
            .ToList();
    }

    /// <summary>Candidates of the next level: a parent extended by a later column's predicate, every parent surviving, bound reaching the threshold.</summary>
    private List<Candidate> Join(List<Candidate> singles)
    {
        var parents = new Dictionary<long, SliceStats>();
        foreach (var parent in _level)
        {
            parents[Key(parent.Ids)] = parent.Stats;
        }

        var threshold = Threshold();
        var candidates = new List<Candidate>();
        foreach (var parent in _level)
        {
            var lastColumn = index.Predicates[parent.Ids[^1]].Column;
            foreach (var single in singles)
            {
                if (index.Predicates[single.Ids[0]].Column > lastColumn
                    && Bound(parent, single.Ids[0], parents) is { } bound
                    && score.UpperBound(bound.Size, bound.ErrorSum, bound.MaxError) >= threshold)
                {
                    candidates.Add(new Candidate([.. parent.Ids, single.Ids[0]], default));
                }
            }
        }

        return candidates;
    }

    /// <summary>The smallest size, error sum and largest error over every parent of parent ∪ {id}; null when one is missing.</summary>
    private static SliceStats? Bound(Candidate parent, int id, Dictionary<long, SliceStats> parents)
    {
        var ids = parent.Ids;
        var bound = parent.Stats;
        for (var skip = 0; skip < ids.Length; skip++)
        {
            // The key of the parent without ids[skip], extended by id, packed as Key packs it.
            long key = 0;
            for (var i = 0; i < ids.Length; i++)
            {
                key = i == skip ? key : (key << 21) | (uint)(ids[i] + 1);
            }

            if (!parents.TryGetValue((key << 21) | (uint)(id + 1), out var stats))
            {
                return null;
            }

            bound = new SliceStats(
                Math.Min(bound.Size, stats.Size),
                Math.Min(bound.ErrorSum, stats.ErrorSum),
                0,
                Math.Min(bound.MaxError, stats.MaxError));
        }

        return bound;
    }

    private double Threshold() => (Best.Count == k ? Math.Max(Best[^1].Score, 0) : 0) - slack;

    private static long Key(int[] ids)
    {
        long key = 0;
        foreach (var id in ids)
        {
            key = (key << 21) | (uint)(id + 1);
        }

        return key;
    }

    /// <summary>A conjunction of predicate ids (ascending, one per column) and its stats once counted.</summary>
    internal readonly record struct Candidate(int[] Ids, SliceStats Stats);

    /// <summary>A slice among the best: its predicate ids, score and position among the examined.</summary>
    internal sealed record Ranked(int[] Ids, double Score, int Examined)
    {
        /// <summary>Higher score first; then fewer conditions; then predicate ids ascending.</summary>
        public static int BestFirst(Ranked? left, Ranked? right)
        {
            var byScore = right!.Score.CompareTo(left!.Score);
            if (byScore != 0)
            {
                return byScore;
            }

            var byLength = left.Ids.Length.CompareTo(right.Ids.Length);
            if (byLength != 0)
            {
                return byLength;
            }

            for (var i = 0; i < left.Ids.Length; i++)
            {
                if (left.Ids[i] != right.Ids[i])
                {
                    return left.Ids[i].CompareTo(right.Ids[i]);
                }
            }

            return 0;
        }
    }
}
