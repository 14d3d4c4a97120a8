namespace Aegis.CalendarSync.Queue;

/// <summary>Reads the retry hints an exception carries, looking through wrapping exceptions
/// (InnerException chains and AggregateException) so a handler may wrap provider errors freely.</summary>
internal static class FailureClassifier
{
    private const int MaxErrorLength = 2000;

    public static bool IsPermanent(Exception ex) => Find<IPermanentFailure>(ex) is not null;

    public static TimeSpan? RetryAfter(Exception ex) => Find<IHasRetryAfter>(ex)?.RetryAfter;

    /// <summary>Text stored as last_error: type and message, bounded in size.</summary>
    public static string Describe(Exception ex)
    {
        var text = $"{ex.GetType().Name}: {ex.Message}";
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
    }

    private static T? Find<T>(Exception? ex) where T : class
    {
        while (ex is not null)
        {
            if (ex is T match) return match;
            if (ex is AggregateException aggregate)
                return aggregate.InnerExceptions.Select(Find<T>).FirstOrDefault(m => m is not null);
            ex = ex.InnerException;
        }
        return null;
    }
}
