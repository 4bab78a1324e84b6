using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansEval.Compare;
using OrleansEval.Drift;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Hosting;
using OrleansEval.Models;
using OrleansEval.Rows;
using OrleansEval.Validation;

namespace OrleansEval.Grains.Validation;

/// <summary>
/// One validation of a model (key <c>modelId/validationId</c>): checks the request, compares the candidate with the
/// reference through the comparison worker, reads the drift of the candidate's inputs against the production baseline
/// through the query worker, finds the new slices in the two series' rows, decides the verdict, and keeps the report.
/// A failing validation raises one alert; a validation run again answers what it stored.
/// </summary>
internal sealed class ValidationGrain(
    [PersistentState("validation", StorageNames.State)] IPersistentState<ValidationState> state,
    IGrainFactory grains,
    IOptions<ValidationOptions> options,
    [FromKeyedServices(EvaluationClock.Key)] TimeProvider time) : Grain, IValidationGrain
{
    public async Task<ValidationAnswer> RunAsync(ValidationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (state.State.Report is null)
        {
            var answer = await ValidateAsync(request, cancellationToken);
            if (answer.Report is null)
            {
                DeactivateOnIdle();
                return answer;
            }

            // Once the work is done the report is kept, whether or not the caller still waits.
            state.State.Report = answer.Report;
            await state.WriteStateAsync(CancellationToken.None);
            var report = answer.Report;
            await grains.GetGrain<IValidationListGrain>(report.ModelId).AddAsync(new ValidationSummary(report.Id, report.At, request.Candidate, request.Reference, report.Verdict));
        }

        await AlertIfFailedAsync(state.State.Report);
        return ValidationAnswer.Answered(state.State.Report);
    }

    public async Task<ValidationReport?> GetAsync()
    {
        if (state.State.Report is { } report)
        {
            await AlertIfFailedAsync(report);
        }

        return state.State.Report;
    }

    private async Task<ValidationAnswer> ValidateAsync(ValidationRequest request, CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var modelId = key[..key.IndexOf('/', StringComparison.Ordinal)];
        if (await CheckAsync(modelId, request) is { } refused)
        {
            return refused;
        }

        var compared = await grains.GetGrain<IComparisonWorker>(0).CompareAsync(
            modelId,
            new ComparisonQuery([request.Reference, request.Candidate], request.From, request.To, request.Metric, request.ProductionBaseline, request.MinSize),
            cancellationToken);
        if (compared.Report is not { } comparison)
        {
            return new ValidationAnswer(null, compared.ErrorField == "versions" ? "candidate" : compared.ErrorField, compared.Error, compared.NotFound);
        }

        var drift = await grains.GetGrain<IQueryWorker>(0).GetDriftAsync(
            modelId,
            new DriftQuery(request.ProductionBaseline, request.Candidate.Version, request.Candidate.Environment, request.From, request.To));
        if (drift.Report is not { } skew)
        {
            return new ValidationAnswer(null, drift.ErrorField == "baseline" ? "production.baseline" : drift.ErrorField, drift.Error, drift.NotFound);
        }

        var newSlices = await NewSlicesAsync(modelId, request, comparison.MinSize, cancellationToken);
        return ValidationAnswer.Answered(Decide(key[(modelId.Length + 1)..], modelId, request, comparison, skew, newSlices));
    }

    private async Task<ValidationAnswer?> CheckAsync(string modelId, ValidationRequest request)
    {
        var model = grains.GetGrain<IModelGrain>(modelId);
        var snapshot = await model.GetAsync();
        if (snapshot is null)
        {
            return ValidationAnswer.Missing("modelId", $"model '{modelId}' is not registered");
        }

        if (Unknown(modelId, snapshot, request.Candidate) is { } candidate)
        {
            return ValidationAnswer.Invalid("candidate", candidate);
        }

        if (Unknown(modelId, snapshot, request.Reference) is { } reference)
        {
            return ValidationAnswer.Invalid("reference", reference);
        }

        if (request.Candidate == request.Reference)
        {
            return ValidationAnswer.Invalid("reference", "must name another version or environment than candidate");
        }

        return await model.GetBaselineAsync(request.ProductionBaseline) is null
            ? ValidationAnswer.Invalid("production.baseline", $"model '{modelId}' has no baseline named '{request.ProductionBaseline}'")
            : null;
    }

    private static string? Unknown(string modelId, ModelSnapshot snapshot, SeriesId series) =>
        snapshot.Series.Contains(series)
            ? null
            : $"model '{modelId}' has no records of version '{series.Version}' in environment '{series.Environment}'";

    private async Task<ImmutableArray<NewSlice>> NewSlicesAsync(string modelId, ValidationRequest request, int minSize, CancellationToken cancellationToken)
    {
        var tally = new NewSliceTally();
        foreach (var (series, candidate) in new[] { (request.Candidate, true), (request.Reference, false) })
        {
            await foreach (var block in grains.ReadRowsAsync(new RowQuery(modelId, series.Version, series.Environment, request.From, request.To), cancellationToken))
            {
                tally.Add(block, candidate);
            }
        }

        return tally.NewSlices(minSize);
    }

    private ValidationReport Decide(string id, string modelId, ValidationRequest request, ComparisonReport comparison, DriftReport skew, ImmutableArray<NewSlice> newSlices)
    {
        var changed = ValidationVerdict.Changed(comparison, options.Value);
        ImmutableArray<string> drifted = [.. skew.Features.Where(f => f.Drifted).Select(f => f.Name)];
        var rules = ValidationVerdict.Rules(comparison, changed, drifted, options.Value);
        return new ValidationReport
        {
            Id = id,
            ModelId = modelId,
            At = time.GetUtcNow(),
            Request = request,
            Comparison = comparison,
            Changed = changed,
            NewSlices = newSlices,
            Skew = skew,
            DriftedFeatures = drifted,
            Verdict = ValidationVerdict.Of(rules),
            Rules = rules,
        };
    }

    // The report is written before the alert is raised, and the alert's number after: a crash between the two raises
    // the alert when the report is next run or read, never loses it.
    private async Task AlertIfFailedAsync(ValidationReport report)
    {
        if (report.Verdict != ValidationVerdict.Fail || report.AlertSequence is not null)
        {
            return;
        }

        var raised = await grains.GetGrain<IAlertLogGrain>(0).AppendAsync([ValidationAlert.For(report)]);
        state.State.Report = report with { AlertSequence = raised[0].Sequence };
        await state.WriteStateAsync();
    }
}
