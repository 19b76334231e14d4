using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Groundwork.Web.Infrastructure;

internal static class ModelStateOutcomes
{
    /// <summary>Copies a refused outcome's reasons onto the form: field errors next to fields, the rest at the top.</summary>
    public static void AddOutcome<T>(this ModelStateDictionary state, Outcome<T> outcome, string prefix = "Input")
    {
        if (outcome.Kind == OutcomeKind.Invalid)
        {
            foreach (var (field, messages) in outcome.Errors)
            {
                foreach (var message in messages)
                {
                    state.AddModelError(string.IsNullOrEmpty(field) ? "" : $"{prefix}.{field}", message);
                }
            }
        }
        else if (!outcome.IsOk)
        {
            state.AddModelError("", outcome.Message ?? "The change was refused.");
        }
    }
}
