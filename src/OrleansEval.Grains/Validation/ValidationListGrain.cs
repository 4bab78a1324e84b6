using System.Collections.Immutable;
using OrleansEval.GrainInterfaces;
using OrleansEval.Grains.Hosting;
using OrleansEval.Validation;

namespace OrleansEval.Grains.Validation;

/// <summary>The validations of one model, persisted as they run; listed newest first.</summary>
internal sealed class ValidationListGrain(
    [PersistentState("validations", StorageNames.State)] IPersistentState<ValidationListState> state) : Grain, IValidationListGrain
{
    public async Task AddAsync(ValidationSummary summary)
    {
        if (state.State.Validations.Exists(v => v.Id == summary.Id))
        {
            return;
        }

        state.State.Validations.Add(summary);
        await state.WriteStateAsync();
    }

    public Task<ImmutableArray<ValidationSummary>> ListAsync() =>
        Task.FromResult<ImmutableArray<ValidationSummary>>([.. Enumerable.Reverse(state.State.Validations)]);
}
