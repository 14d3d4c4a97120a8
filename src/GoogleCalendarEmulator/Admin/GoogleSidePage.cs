using System.Net;
using System.Text.Json;

namespace GoogleCalendarEmulator.Admin;

/// <summary>A small page standing in for Google Calendar's own UI, so a person trying the product can change
/// "Google's side" without curl: lists an account's calendars and events (?account=, default the emulator's default
/// account) and lets them edit an event's title and times, move one occurrence of a series, or delete an event.
/// Every change goes through the person routes (new etag, push notifications, no API call counted).</summary>
internal static class GoogleSidePage
{
    public static string Html(string defaultAccount) => Template
        .Replace("__DEFAULT_ACCOUNT_JSON__", JsonSerializer.Serialize(defaultAccount), StringComparison.Ordinal)
        .Replace("__DEFAULT_ACCOUNT__", WebUtility.HtmlEncode(defaultAccount), StringComparison.Ordinal);

    private const string Template = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Google Calendar (emulator)</title>
        <style>
          body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; color: #202124; }
          h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 1.5rem; }
          .event { border: 1px solid #dadce0; border-radius: 8px; padding: .75rem; margin: .5rem 0; }
          .event .when { color: #5f6368; font-size: .9rem; }
          .event form, .occurrences { margin-top: .5rem; display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; }
          .occurrences { display: block; }
          .occurrence { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: .25rem 0; }
          label { display: flex; flex-direction: column; font-size: .85rem; }
          input { font: inherit; padding: .25rem; max-width: 100%; }
          button { font: inherit; padding: .3rem .7rem; border-radius: 4px; border: 1px solid #dadce0; background: #fff; cursor: pointer; }
          button.primary { background: #1a73e8; color: #fff; border-color: #1a73e8; }
          button.danger { color: #b3261e; }
          #status { min-height: 1.5rem; color: #188038; } #status.error { color: #b3261e; }
        </style></head>
        <body>
        <h1>Google Calendar <small>(emulator)</small></h1>
        <form id="account-form"><label>Account <input id="account" name="account" value="__DEFAULT_ACCOUNT__"></label>
          <button type="submit">Show</button></form>
        <p id="status" role="status"></p>
        <div id="calendars"></div>
        <script>
        const account = new URLSearchParams(location.search).get('account') || __DEFAULT_ACCOUNT_JSON__;
        document.getElementById('account').value = account;
        const base = 'accounts/' + encodeURIComponent(account) + '/calendars/';
        const status = document.getElementById('status');
        function say(text, error) { status.textContent = text; status.className = error ? 'error' : ''; }
        function el(tag, props, ...children) { const e = Object.assign(document.createElement(tag), props || {}); e.append(...children); return e; }
        function pad(n) { return String(n).padStart(2, '0'); }
        function localValue(iso) { const d = new Date(iso); return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`; }
        // A timed value reads at the clock time of the zone it names (09:00 Berlin is "9:00 Europe/Berlin" in any browser).
        function describe(t) { return t.date ? t.date + ' (all day)' : new Date(t.dateTime).toLocaleString(undefined, t.timeZone ? { timeZone: t.timeZone } : {}) + (t.timeZone ? ' ' + t.timeZone : ''); }
        function timeInput(name, caption, t) {
          return el('label', {}, caption, el('input', t.date ? { name, type: 'date', value: t.date, required: true }
                                                           : { name, type: 'datetime-local', value: localValue(t.dateTime), required: true }));
        }
        function timeValue(input, original) {
          return original.date ? { date: input.value } : { dateTime: new Date(input.value).toISOString(), timeZone: original.timeZone };
        }
        function shifted(original, start, newStart) {
          const ms = start.date ? Date.parse(newStart.date) - Date.parse(start.date) : Date.parse(newStart.dateTime) - Date.parse(start.dateTime);
          return original.date ? { date: new Date(Date.parse(original.date) + ms).toISOString().slice(0, 10) }
                               : { dateTime: new Date(Date.parse(original.dateTime) + ms).toISOString(), timeZone: original.timeZone };
        }
        async function call(method, path, body) {
          const response = await fetch(path, { method, headers: body ? { 'Content-Type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
          if (!response.ok) { const problem = await response.json().catch(() => null); throw new Error(problem?.error?.message || response.statusText); }
          return response.status === 204 ? null : response.json();
        }
        async function act(what, action) {
          try { await action(); say(what); await load(); } catch (e) { say(e.message, true); }
        }
        function eventCard(calendarId, ev) {
          const path = base + encodeURIComponent(calendarId) + '/events/' + encodeURIComponent(ev.id);
          const card = el('div', { className: 'event' });
          card.dataset.eventId = ev.id;
          card.append(el('strong', { className: 'title' }, ev.summary || '(no title)'),
                      el('div', { className: 'when' }, describe(ev.start) + ' – ' + describe(ev.end) + (ev.recurrence ? ' · repeats: ' + ev.recurrence.join(' ') : '')));
          const form = el('form', { className: 'edit' },
            el('label', {}, 'Title', el('input', { name: 'summary', value: ev.summary || '', required: true })),
            timeInput('start', 'Start', ev.start), timeInput('end', 'End', ev.end),
            el('button', { type: 'submit', className: 'primary' }, 'Save'),
            el('button', { type: 'button', className: 'danger', onclick: () => confirm(`Delete "${ev.summary}"${ev.recurrence ? ' and all its occurrences' : ''}?`)
              && act(`Deleted "${ev.summary}".`, () => call('DELETE', path)) }, 'Delete'));
          form.onsubmit = e => { e.preventDefault();
            act(`Saved "${form.summary.value}".`, () => call('PATCH', path,
              { summary: form.summary.value, start: timeValue(form.start, ev.start), end: timeValue(form.end, ev.end) })); };
          card.append(form);
          if (ev.recurrence) {
            const list = el('div', { className: 'occurrences' });
            card.append(el('button', { type: 'button', onclick: () => showOccurrences(calendarId, ev, list) }, 'Occurrences'), list);
          }
          return card;
        }
        async function showOccurrences(calendarId, ev, list) {
          const page = await call('GET', base + encodeURIComponent(calendarId) + '/events/' + encodeURIComponent(ev.id) + '/instances?maxResults=12');
          list.replaceChildren(...page.items.map(instance => {
            const path = base + encodeURIComponent(calendarId) + '/events/' + encodeURIComponent(instance.id);
            const row = el('form', { className: 'occurrence' }, el('span', {}, describe(instance.start)), timeInput('start', 'Move to', instance.start),
              el('button', { type: 'submit' }, 'Move this occurrence'));
            row.dataset.instanceId = instance.id;
            row.onsubmit = e => { e.preventDefault(); const start = timeValue(row.start, instance.start);
              act('Moved one occurrence.', () => call('PATCH', path, { start, end: shifted(instance.end, instance.start, start) })); };
            return row;
          }));
        }
        async function load() {
          try {
            const calendars = await call('GET', base.slice(0, -1));
            const sections = [];
            for (const calendar of calendars) {
              const view = await call('GET', base + encodeURIComponent(calendar.id) + '/events');
              sections.push(el('section', {}, el('h2', {}, calendar.summary + ' (' + view.timeZone + ')'),
                ...(view.items.length ? view.items.map(ev => eventCard(calendar.id, ev)) : [el('p', {}, 'No events.')])));
            }
            document.getElementById('calendars').replaceChildren(...sections);
          } catch (e) { say(e.message, true); }
        }
        load();
        </script>
        </body></html>
        """;
}
