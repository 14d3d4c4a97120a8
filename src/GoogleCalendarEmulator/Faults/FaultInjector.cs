using GoogleCalendarEmulator.Errors;

namespace GoogleCalendarEmulator.Faults;

/// <summary>Holds the injected faults and latency; decisions are taken under one lock so counted faults fire exactly Count times.</summary>
internal sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<(FaultRule Rule, int Remaining)> _rules = [];
    private (RandomFaultRule Rule, Random Random)? _random;
    private readonly List<(LostResponseRule Rule, int Remaining)> _lostResponses = [];

    public TimeSpan Latency { get; private set; }

    public void Add(FaultRule rule)
    {
        lock (_gate)
        {
            _rules.Add((rule, rule.Count));
        }
    }

    public void SetRandom(RandomFaultRule? rule)
    {
        lock (_gate)
        {
            _random = rule is null || rule.Rate <= 0 ? null : (rule, new Random(rule.Seed));
        }
    }

    public void SetLatency(TimeSpan latency)
    {
        lock (_gate)
        {
            Latency = latency < TimeSpan.Zero ? TimeSpan.Zero : latency;
        }
    }

    /// <summary>Consumes one matching fault, if any, and returns the error to answer with.</summary>
    public GoogleApiException? Next(string method, string path)
    {
        lock (_gate)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                var (rule, remaining) = _rules[i];
                if (!rule.Matches(method, path))
                {
                    continue;
                }

                if (remaining <= 1)
                {
                    _rules.RemoveAt(i);
                }
                else
                {
                    _rules[i] = (rule, remaining - 1);
                }

                var retryAfter = rule.RetryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
                return GoogleErrors.ForStatus(rule.Status, rule.Reason, retryAfter);
            }

            if (_random is { } random && random.Random.NextDouble() < random.Rule.Rate)
            {
                return GoogleErrors.ForStatus(random.Rule.Status, null, null);
            }

            return null;
        }
    }

    public void AddLostResponses(LostResponseRule rule)
    {
        lock (_gate)
        {
            _lostResponses.Add((rule, rule.Count));
        }
    }

    /// <summary>Consumes one matching lost-response rule; returns how long to hold the answer, or null.</summary>
    public TimeSpan? NextLostResponse(string method, string path)
    {
        lock (_gate)
        {
            var i = _lostResponses.FindIndex(r => r.Rule.Matches(method, path));
            if (i < 0)
            {
                return null;
            }

            var (rule, remaining) = _lostResponses[i];
            if (remaining <= 1)
            {
                _lostResponses.RemoveAt(i);
            }
            else
            {
                _lostResponses[i] = (rule, remaining - 1);
            }

            return TimeSpan.FromMilliseconds(rule.DelayMilliseconds);
        }
    }

    public void ClearFaults()
    {
        lock (_gate)
        {
            _rules.Clear();
            _lostResponses.Clear();
            _random = null;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
            _lostResponses.Clear();
            _random = null;
            Latency = TimeSpan.Zero;
        }
    }
}
