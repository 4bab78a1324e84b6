using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;
using Orleans.Serialization;
using Orleans.Serialization.Invocation;
using OrleansEval.Baselines;
using OrleansEval.Drift;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Baselines;
using OrleansEval.Grains.Features;
using OrleansEval.Grains.Models;
using OrleansEval.Grains.Queries;
using OrleansEval.Grains.Recommendations;
using OrleansEval.Grains.RootCause;
using OrleansEval.Grains.Rows;
using OrleansEval.Grains.Slices;
using OrleansEval.Grains.WorstSlices;
using OrleansEval.Models;
using OrleansEval.Performance;
using OrleansEval.Recommendations;
using OrleansEval.RootCause;
using OrleansEval.Slices;
using OrleansEval.WorstSlices;

namespace OrleansEval.Grains.WarmUp;

/// <summary>
/// The grain side of a question, made ready without calling a grain: the methods of the grains a root-cause,
/// recommendation, worst-slice or drift question calls, and of the proxies and invokables Orleans generates for those
/// calls, are compiled (<see cref="RuntimeHelpers.PrepareMethod(RuntimeMethodHandle)"/>); and one request of each call,
/// with arguments of the synthetic model, and one answer of each, are copied as a call inside the silo copies them and
/// serialized and read back as a call between silos carries them, so Orleans creates their copiers and codecs, which it
/// does on a type's first use. It reads and writes no storage, activates no grain and names no stored model.
/// </summary>
public static class GrainCallWarmUp
{
    // The grain methods a question reaches, by the interface its caller holds.
    private static readonly MethodInfo[] Calls =
    [
        typeof(IModelGrain).GetMethod(nameof(IModelGrain.GetAsync))!,
        typeof(IModelGrain).GetMethod(nameof(IModelGrain.GetBaselineAsync))!,
        typeof(ISliceGrain).GetMethod(nameof(ISliceGrain.GetBinCountsAsync))!,
        typeof(ISliceGrain).GetMethod(nameof(ISliceGrain.GetEstimateAsync))!,
        typeof(IRowGrain).GetMethod(nameof(IRowGrain.GetKeptDaysAsync))!,
        typeof(IBaselineSideGrain).GetMethod(nameof(IBaselineSideGrain.GetAsync))!,
        typeof(IFeatureGrain).GetMethod(nameof(IFeatureGrain.GetDriftAsync))!,
        typeof(IFeatureGrain).GetMethod(nameof(IFeatureGrain.GetBinCountsAsync))!,
        typeof(IQueryWorker).GetMethod(nameof(IQueryWorker.GetEstimateAsync))!,
        typeof(IQueryWorker).GetMethod(nameof(IQueryWorker.GetDriftAsync))!,
        typeof(IRootCauseWorker).GetMethod(nameof(IRootCauseWorker.RootCauseAsync))!,
        typeof(IRecommendationWorker).GetMethod(nameof(IRecommendationWorker.RecommendAsync))!,
        typeof(ISliceSearchWorker).GetMethod(nameof(ISliceSearchWorker.SearchAsync))!,
    ];

    // The grains that answer those calls and the code they answer with, compiled whole: a question runs only part of
    // it, and which part depends on the state it finds.
    private static readonly Type[] Answering =
    [
        typeof(ModelGrain), typeof(LatestBaseline), typeof(SliceGrain), typeof(RowGrain), typeof(BaselineSideGrain), typeof(FeatureGrain),
        typeof(ColumnDriftCalculator), typeof(NumericCounts), typeof(QueryWorker), typeof(RootCauseWorker), typeof(BaselineRevision), typeof(PerBinState),
        typeof(PerBinOutputs), typeof(RecommendationWorker), typeof(SliceSearchWorker),
    ];

    /// <summary>
    /// Compiles the grain side's methods and carries one request and one answer of each call through
    /// <paramref name="copier"/> and <paramref name="serializer"/>, with the arguments and answers of
    /// <paramref name="answers"/>; what it did.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static GrainCallWarmUpResult Run(Serializer serializer, DeepCopier copier, QueryWarmUpAnswers answers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        ArgumentNullException.ThrowIfNull(copier);
        ArgumentNullException.ThrowIfNull(answers);
        var compiled = 0;
        foreach (var type in Answering.Concat(Generated()))
        {
            cancellationToken.ThrowIfCancellationRequested();
            compiled += Compile(type);
        }

        var values = Values(answers);
        var carried = 0;
        var requested = new HashSet<RuntimeMethodHandle>();
        foreach (var request in Requests(values))
        {
            cancellationToken.ThrowIfCancellationRequested();
            Carry(serializer, copier, request);
            requested.Add(request.GetMethod().MethodHandle);
            carried++;
        }

        foreach (var call in Calls)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var answer = values[Answer(call)];
            Carry(serializer, copier, answer);
            carried++;
        }

        return new GrainCallWarmUpResult(compiled, carried, requested.Count);
    }

    // The proxies a caller calls through and the invokables a call is carried in, for the interfaces of the calls.
    private static IEnumerable<Type> Generated()
    {
        var interfaces = Calls.Select(call => call.DeclaringType!).Distinct().ToList();
        return interfaces
            .Select(contract => contract.Assembly)
            .Distinct()
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => type is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false }
                && (interfaces.Any(contract => contract.IsAssignableFrom(type)) || Invokable(type) is not null));
    }

    // Every method of type and of the types nested in it (its state machines and closures) that has code of its own, and
    // the runtime's box and start over each state machine.
    private static int Compile(Type type)
    {
        var compiled = 0;
        const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;
        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (method.IsAbstract || method.ContainsGenericParameters || method.GetMethodBody() is null)
            {
                continue;
            }

            RuntimeHelpers.PrepareMethod(method.MethodHandle);
            compiled++;
        }

        return compiled + AsyncMachineryWarmUp.Compile(type)
            + type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).Where(nested => !nested.ContainsGenericParameters).Sum(Compile);
    }

    // One request of each call, its arguments set from values by their type.
    private static IEnumerable<IInvokable> Requests(Dictionary<Type, object> values)
    {
        foreach (var type in Generated())
        {
            if (Invokable(type) is not { } request || !Calls.Any(call => call.MethodHandle == request.GetMethod().MethodHandle))
            {
                continue;
            }

            var parameters = request.GetMethod().GetParameters();
            for (var i = 0; i < parameters.Length; i++)
            {
                if (values.TryGetValue(parameters[i].ParameterType, out var argument))
                {
                    request.SetArgument(i, argument);
                }
            }

            yield return request;
        }
    }

    // An instance of type when it is a generated invokable of one of the calls' interfaces, else null.
    private static IInvokable? Invokable(Type type) =>
        typeof(IInvokable).IsAssignableFrom(type) && type.GetConstructor(Type.EmptyTypes) is not null && Activator.CreateInstance(type) is IInvokable request
            && Calls.Any(call => call.DeclaringType == request.GetInterfaceType())
            ? request
            : null;

    // The answer's type of a call: T of its Task<T>.
    private static Type Answer(MethodInfo call) => call.ReturnType.GetGenericArguments()[0];

    private static void Carry(Serializer serializer, DeepCopier copier, object value)
    {
        copier.Copy(value);
        serializer.Deserialize<object>(serializer.SerializeToArray(value));
    }

    // A value of every argument and answer type of the calls, from the synthetic model and its answers.
    private static Dictionary<Type, object> Values(QueryWarmUpAnswers answers)
    {
        var baseline = WarmUpRows.Baseline;
        var series = WarmUpRows.CurrentSeries;
        var window = new TimeWindow(WarmUpRows.From, WarmUpRows.To);
        var counts = answers.RootCause.Report!.Current;
        var lossSums = new SliceLossSums(counts.Labelled, counts.Value ?? 0, counts.Value ?? 0);
        var member = new SliceBinCounts(SliceKey.All, counts.Rows, counts.Labelled, counts.Labelled / 2, counts.Labelled / 3, 0, 0, lossSums, lossSums, null, LossesComplete: true);
        var accuracy = new MetricSet([new(RootCauseMetrics.Accuracy, new MetricValue(counts.Value, null))]);
        return new Dictionary<Type, object>
        {
            [typeof(string)] = answers.ModelId,
            [typeof(TimeWindow)] = window,
            [typeof(ModelSnapshot)] = WarmUpRows.Snapshot,
            [typeof(Baseline)] = baseline,
            [typeof(SliceBinCountsAnswer)] = new SliceBinCountsAnswer(window, [member], "0000000000000000", 0),
            [typeof(MetricSet)] = accuracy,
            [typeof(ImmutableDictionary<DateOnly, long>)] = ImmutableDictionary<DateOnly, long>.Empty.Add(DateOnly.FromDateTime(WarmUpRows.From.UtcDateTime), counts.Labelled),
            [typeof(BaselineSideAnswer)] = new BaselineSideAnswer(answers.BaselineSide, null, TimeSpan.Zero),
            [typeof(ColumnDriftRequest)] = new ColumnDriftRequest(baseline.CounterKey, baseline.Columns[0], window, DriftPolicy.Default),
            [typeof(ColumnDrift)] = answers.Drift.Report!.Features[0],
            [typeof(int)] = baseline.Columns[0].CutPoints.Length + 1,
            [typeof(ColumnBinCountsAnswer)] = new ColumnBinCountsAnswer(true, [.. answers.Drift.Report!.Features[0].Bins.Select(bin => (long)bin.CurrentCount)], 0),
            [typeof(PerformanceQuery)] = new PerformanceQuery(series.Version, series.Environment, WarmUpRows.From, WarmUpRows.To, SliceKey.All, null, Monthly: false),
            [typeof(RootCauseQuery)] = answers.RootCauseQuery,
            [typeof(RootCauseAnswer)] = answers.RootCause,
            [typeof(RecommendationQuery)] = answers.RecommendationQuery,
            [typeof(RecommendationAnswer)] = answers.Recommendation,
            [typeof(WorstSliceQuery)] = answers.WorstSliceQuery,
            [typeof(WorstSliceAnswer)] = answers.WorstSlices,
            [typeof(DriftQuery)] = answers.DriftQuery,
            [typeof(DriftAnswer)] = answers.Drift,
        };
    }
}
