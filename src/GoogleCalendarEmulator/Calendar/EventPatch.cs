using System.Text.Json.Nodes;

namespace GoogleCalendarEmulator.Calendar;

/// <summary>
/// Google's patch semantics: given fields replace stored ones, nested objects merge, arrays replace, null clears.
/// start/end/originalStartTime replace as a whole so switching between date and dateTime works.
/// </summary>
internal static class EventPatch
{
    private static readonly HashSet<string> WholeValueFields = new(StringComparer.Ordinal) { "start", "end", "originalStartTime" };

    public static void Apply(JsonObject target, JsonObject patch, bool topLevel = true)
    {
        foreach (var (name, value) in patch)
        {
            if (value is null)
            {
                target.Remove(name);
            }
            else if (value is JsonObject patchObject && target[name] is JsonObject targetObject && !(topLevel && WholeValueFields.Contains(name)))
            {
                Apply(targetObject, patchObject, topLevel: false);
            }
            else
            {
                target[name] = value.DeepClone();
            }
        }
    }
}
