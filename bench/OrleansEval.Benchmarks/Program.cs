using System.Globalization;
using BenchmarkDotNet.Running;
using OrleansEval.Benchmarks;

if (args is ["--footprint"])
{
    BucketFootprint.Print(Console.Out);
    return;
}

if (args is ["--slice-stages", var conditions, var runs])
{
    SliceSearchStages.Print(Console.Out, int.Parse(conditions, CultureInfo.InvariantCulture), int.Parse(runs, CultureInfo.InvariantCulture));
    return;
}

if (args is ["--drift-stages", var hours, var perHour, var stageRuns])
{
    DriftAnswerStages.Print(Console.Out, int.Parse(hours, CultureInfo.InvariantCulture), int.Parse(perHour, CultureInfo.InvariantCulture), int.Parse(stageRuns, CultureInfo.InvariantCulture));
    return;
}

if (args is ["--row-export"])
{
    await RowExportHarness.RunAsync(Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(BenchmarkData).Assembly).Run(args);
