using Aegis.CalendarSync.Google.Auth;
using Aegis.CalendarSync.Google.Http;
using Aegis.CalendarSync.Store.RateBudget;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Aegis.CalendarSync.Google;

public static class GoogleServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IGoogleCalendarClient"/>, <see cref="GoogleOAuthClient"/>,
    /// <see cref="IAccessTokenProvider"/> (<see cref="GoogleAccessTokenProvider"/>) and the quota limiter (budgets in process),
    /// with <see cref="GoogleApiOptions"/> bound to section "Google" and validated at start-up.
    /// The host must also register an <see cref="ITokenStore"/> and the token encryptor
    /// (<see cref="Security.SecurityServiceCollectionExtensions.AddTokenEncryption"/>).</summary>
    /// <remarks>Calendar pipeline, outermost first: retry (backoff + jitter, Retry-After) → bearer token with one
    /// refresh + re-send on 401 → Google's quotas (per user and per project, <see cref="GoogleQuota"/>) → per-attempt timeout → network. The limiter sits inside
    /// the retry so every attempt, retries included, spends its calls; the timeout sits inside the limiter so waiting
    /// for the budget is not counted as a slow attempt.</remarks>
    public static IServiceCollection AddGoogleCalendarClient(this IServiceCollection services)
    {
        services.AddOptions<GoogleApiOptions>().BindConfiguration(GoogleApiOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GoogleApiOptions>, GoogleApiOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<InProcessRateBudgetStore>();
        services.TryAddSingleton<IAccountRateLimiter>(sp => ActivatorUtilities.CreateInstance<GoogleQuotaLimiter>(sp, sp.GetRequiredService<InProcessRateBudgetStore>()));
        services.TryAddSingleton<GoogleTokenVault>();
        services.TryAddSingleton<GoogleAccessTokenProvider>();
        services.TryAddSingleton<IAccessTokenProvider>(sp => sp.GetRequiredService<GoogleAccessTokenProvider>());
        services.TryAddSingleton<IAccessTokenCache>(sp => sp.GetRequiredService<GoogleAccessTokenProvider>());
        services.TryAddTransient<AccessTokenHandler>();
        services.TryAddTransient<AccountRateLimitHandler>();

        // The token provider is a singleton holding this typed client for the process lifetime, so connection
        // recycling (DNS changes) comes from PooledConnectionLifetime instead of handler rotation.
        services.AddHttpClient<GoogleOAuthClient>()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("google-oauth", (builder, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<GoogleApiOptions>>().Value;
                GoogleResilience.AddRetry(builder, options);
                GoogleResilience.AddAttemptTimeout(builder, options);
            });

        var calendar = services.AddHttpClient<IGoogleCalendarClient, GoogleCalendarClient>((sp, http) =>
        {
            http.BaseAddress = sp.GetRequiredService<IOptions<GoogleApiOptions>>().Value.ApiBaseUri;
            // Bounded by the caller's token and the per-attempt timeout instead: the default 100 s would cut off
            // a call that is legitimately waiting for rate-limit tokens or a Retry-After.
            http.Timeout = Timeout.InfiniteTimeSpan;
        });
        calendar.AddResilienceHandler("google-calendar-retry", (builder, context) =>
            GoogleResilience.AddRetry(builder, context.ServiceProvider.GetRequiredService<IOptions<GoogleApiOptions>>().Value));
        calendar.AddHttpMessageHandler<AccessTokenHandler>();
        calendar.AddHttpMessageHandler<AccountRateLimitHandler>();
        calendar.AddResilienceHandler("google-calendar-attempt-timeout", (builder, context) =>
            GoogleResilience.AddAttemptTimeout(builder, context.ServiceProvider.GetRequiredService<IOptions<GoogleApiOptions>>().Value));
        return services;
    }
}
