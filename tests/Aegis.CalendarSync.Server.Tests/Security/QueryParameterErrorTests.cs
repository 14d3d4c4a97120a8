using Aegis.CalendarSync.Server.Tests.Infrastructure;

namespace Aegis.CalendarSync.Server.Tests.Security;

/// <summary>Issue 10: a query parameter that does not parse is the client's error in every environment: 400 problem
/// details naming the parameter, never a 500 (Development used to answer with the developer exception page).</summary>
public sealed class QueryParameterErrorTests
{
    [Theory]
    [InlineData("Development")]
    // Any other environment has Production's pipeline; Production itself refuses the embedded emulator this host uses.
    [InlineData("Testing")]
    public async Task Unparseable_query_parameters_are_answered_400_problem_details(string environment)
    {
        await using var server = await TestServerHost.StartAsync(new TestServerOptions { Environment = environment });
        var user = await server.CreateUserAsync("query@example.com");

        foreach (var (path, parameter) in new[] { ("api/events?from=x", "from"), ("api/events?limit=x", "limit"), ("api/audit?since=x", "since") })
        {
            var problem = await (await user.Client.GetAsync(path)).AssertProblemAsync(400);
            Assert.Contains(parameter, problem.ToJsonString());
        }
    }
}
