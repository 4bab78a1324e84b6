using BenchmarkDotNet.Running;
using OrleansEval.Benchmarks;

if (args is ["--footprint"])
{
    BucketFootprint.Print(Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(BenchmarkData).Assembly).Run(args);
