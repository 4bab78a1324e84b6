using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(OrleansEval.Benchmarks.BenchmarkData).Assembly).Run(args);
