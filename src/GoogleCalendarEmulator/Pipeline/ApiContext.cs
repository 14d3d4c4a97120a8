using GoogleCalendarEmulator.State;
using Microsoft.AspNetCore.Http;

namespace GoogleCalendarEmulator.Pipeline;

/// <summary>The authenticated account of the current request, set by <see cref="ApiPipelineFilter"/>.</summary>
internal static class ApiContext
{
    private const string AccountKey = "GoogleCalendarEmulator.Account";

    public static void SetAccount(HttpContext http, Account account) => http.Items[AccountKey] = account;

    public static Account? FindAccount(HttpContext http) => http.Items[AccountKey] as Account;

    public static Account Account(HttpContext http) =>
        FindAccount(http) ?? throw new InvalidOperationException("Endpoint requires an authenticated account.");
}
