using System.Net.Sockets;
using Polly.Timeout;

namespace Aegis.CalendarSync.Queue;

/// <summary>Reads the retry hints an exception carries, looking through wrapping exceptions
/// (InnerException chains and AggregateException) so a handler may wrap provider errors freely.</summary>
internal static class FailureClassifier
{
    private const int MaxErrorLength = 2000;

    public static bool IsPermanent(Exception ex) => Find<IPermanentFailure>(ex) is not null;

    public static TimeSpan? RetryAfter(Exception ex) => Find<IHasRetryAfter>(ex)?.RetryAfter;

    /// <summary>True when retrying later can succeed without anyone acting: a failure marked
    /// <see cref="ITransientFailure"/> or carrying a Retry-After, a network error (<see cref="HttpRequestException"/>,
    /// <see cref="SocketException"/>, <see cref="IOException"/>) or a timeout (<see cref="TimeoutException"/>, which an
    /// HttpClient timeout carries inside its TaskCanceledException, or Polly's <see cref="TimeoutRejectedException"/>);
    /// never a permanent failure.</summary>
    public static bool IsTransient(Exception ex) =>
        !IsPermanent(ex) &&
        (Find<ITransientFailure>(ex) is not null || Find<IHasRetryAfter>(ex) is not null ||
         Find<HttpRequestException>(ex) is not null || Find<SocketException>(ex) is not null || Find<IOException>(ex) is not null ||
         Find<TimeoutException>(ex) is not null || Find<TimeoutRejectedException>(ex) is not null);

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
