namespace GoogleCalendarEmulator.Quota;

/// <summary>Which of Google's two Calendar API quotas refused a request.</summary>
internal enum QuotaScope
{
    /// <summary>"Per minute per user per project" (Google: 600).</summary>
    User,

    /// <summary>"Per minute per project" (Google: 10,000).</summary>
    Project,
}
