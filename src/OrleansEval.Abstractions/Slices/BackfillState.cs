namespace OrleansEval.Slices;

/// <summary>Where a slice backfill stands.</summary>
[GenerateSerializer]
[Alias("OrleansEval.BackfillState")]
public enum BackfillState
{
    /// <summary>Reading the kept rows and counting them into the slice.</summary>
    Running = 0,

    /// <summary>Every kept row counted before the slice was defined is in it.</summary>
    Done = 1,

    /// <summary>The run stopped on an error; starting it again resumes where the slice's applied positions say.</summary>
    Failed = 2,
}
