// Google's official Node.js clients (@googleapis/calendar, google-auth-library), which this project did not write,
// run unchanged against the emulator: only the root URL and the OAuth endpoints differ from Google's.
// Usage: node calendar-client-check.mjs <emulatorBaseUrl> ; exits 1 with the failed checks listed.
import { calendar } from '@googleapis/calendar';
import { OAuth2Client } from 'google-auth-library';
import assert from 'node:assert/strict';

const base = (process.argv[2] ?? 'http://127.0.0.1:8085/').replace(/\/?$/, '/');
const redirectUri = 'http://127.0.0.1:5999/callback';
const results = [];

async function check(name, fn) {
  try {
    await fn();
    results.push({ name, ok: true });
  } catch (error) {
    results.push({ name, ok: false, error: String(error?.stack ?? error) });
  }
}

async function expectStatus(status, reason, promise) {
  try {
    await promise;
  } catch (error) {
    assert.equal(error.status ?? error.response?.status, status);
    if (reason) assert.equal(error.response?.data?.error?.errors?.[0]?.reason, reason);
    return error;
  }
  assert.fail(`expected HTTP ${status} ${reason ?? ''}`);
}

const auth = new OAuth2Client({
  clientId: 'aegis-local-client',
  clientSecret: 'aegis-local-secret',
  redirectUri,
  endpoints: {
    oauth2AuthBaseUrl: `${base}o/oauth2/v2/auth`,
    oauth2TokenUrl: `${base}token`,
    oauth2RevokeUrl: `${base}revoke`,
  },
});
const api = calendar({ version: 'v3', auth, rootUrl: base });
const cal = 'primary';
const day = (offset) => new Date(Date.UTC(2026, 11, 1 + offset)).toISOString().slice(0, 10);
const allDay = (offset, summary) => ({ summary, start: { date: day(offset) }, end: { date: day(offset + 1) } });

await check('oauth: authorization code with PKCE S256, offline access', async () => {
  const { codeVerifier, codeChallenge } = await auth.generateCodeVerifierAsync();
  const url = auth.generateAuthUrl({
    access_type: 'offline', prompt: 'consent', state: 'compat-state',
    scope: ['https://www.googleapis.com/auth/calendar'],
    code_challenge_method: 'S256', code_challenge: codeChallenge,
  });
  const redirect = await fetch(url, { redirect: 'manual' });
  assert.equal(redirect.status, 302);
  const location = new URL(redirect.headers.get('location'));
  assert.equal(location.searchParams.get('state'), 'compat-state');
  const { tokens } = await auth.getToken({ code: location.searchParams.get('code'), codeVerifier });
  assert.ok(tokens.access_token && tokens.refresh_token);
  assert.equal(tokens.token_type, 'Bearer');
  auth.setCredentials(tokens);
});

let first;
await check('events.insert with a client-chosen id, then 409 duplicate', async () => {
  const id = 'compat0' + Date.now().toString(32).replace(/[w-z]/g, 'a');
  first = (await api.events.insert({ calendarId: cal, requestBody: { id, ...allDay(0, 'Rent due') } })).data;
  assert.equal(first.kind, 'calendar#event');
  assert.equal(first.id, id);
  assert.match(first.etag, /^".+"$/);
  assert.equal(first.status, 'confirmed');
  await expectStatus(409, 'duplicate', api.events.insert({ calendarId: cal, requestBody: { id, ...allDay(0, 'again') } }));
});

await check('events.get returns the inserted event', async () => {
  const got = (await api.events.get({ calendarId: cal, eventId: first.id })).data;
  assert.deepEqual(got, first);
});

await check('events.update with a stale If-Match is 412; patch with the current etag succeeds', async () => {
  const patched = (await api.events.patch({ calendarId: cal, eventId: first.id, requestBody: { summary: 'Rent (patched)' } },
    { headers: { 'If-Match': first.etag } })).data;
  assert.notEqual(patched.etag, first.etag);
  await expectStatus(412, 'conditionNotMet', api.events.update(
    { calendarId: cal, eventId: first.id, requestBody: allDay(0, 'stale write') }, { headers: { 'If-Match': first.etag } }));
  first = patched;
});

let syncToken;
await check('events.list pages with nextPageToken; nextSyncToken only on the last page', async () => {
  for (let i = 1; i <= 4; i++) await api.events.insert({ calendarId: cal, requestBody: allDay(i, `Bill ${i}`) });
  let pageToken; let pages = 0; const seen = [];
  do {
    const page = (await api.events.list({ calendarId: cal, maxResults: 2, pageToken })).data;
    pages++;
    seen.push(...page.items.map((e) => e.id));
    assert.ok(!(page.nextPageToken && page.nextSyncToken), 'never both tokens');
    pageToken = page.nextPageToken;
    syncToken = page.nextSyncToken ?? syncToken;
  } while (pageToken);
  assert.equal(new Set(seen).size, 5);
  assert.ok(pages >= 3);
  assert.ok(syncToken);
});

await check('incremental sync returns changes and deletions (status cancelled); delete twice is 410', async () => {
  await api.events.patch({ calendarId: cal, eventId: first.id, requestBody: { location: 'Bank' } });
  const victim = (await api.events.insert({ calendarId: cal, requestBody: allDay(9, 'To delete') })).data;
  await api.events.delete({ calendarId: cal, eventId: victim.id });
  await expectStatus(410, 'deleted', api.events.delete({ calendarId: cal, eventId: victim.id }));
  const changes = (await api.events.list({ calendarId: cal, syncToken })).data;
  const byId = Object.fromEntries(changes.items.map((e) => [e.id, e]));
  assert.equal(byId[first.id].location, 'Bank');
  assert.equal(byId[victim.id].status, 'cancelled');
  assert.ok(changes.nextSyncToken);
});

await check('invalid sync token is 410 fullSyncRequired; syncToken with timeMin is 400', async () => {
  await expectStatus(410, 'fullSyncRequired', api.events.list({ calendarId: cal, syncToken: 'bogus-token' }));
  await expectStatus(400, null, api.events.list({ calendarId: cal, syncToken, timeMin: '2026-01-01T00:00:00Z' }));
});

async function currentSyncToken() {
  let pageToken; let token;
  do {
    const page = (await api.events.list({ calendarId: cal, maxResults: 250, pageToken })).data;
    pageToken = page.nextPageToken;
    token = page.nextSyncToken;
  } while (pageToken);
  return token;
}

let series;
await check('recurring: an all-day series needs no time zone; events.instances gives Google instance ids', async () => {
  series = (await api.events.insert({ calendarId: cal, requestBody: {
    summary: 'Monthly rent', start: { date: '2027-01-01' }, end: { date: '2027-01-02' }, recurrence: ['RRULE:FREQ=MONTHLY;COUNT=12'] } })).data;
  const instances = (await api.events.instances({ calendarId: cal, eventId: series.id })).data;
  assert.equal(instances.kind, 'calendar#events');
  assert.equal(instances.items.length, 12);
  const march = instances.items[2];
  assert.equal(march.id, `${series.id}_20270301`);
  assert.equal(march.recurringEventId, series.id);
  assert.deepEqual(march.originalStartTime, { date: '2027-03-01' });
  assert.equal(march.recurrence, undefined);
  const page = (await api.events.instances({ calendarId: cal, eventId: series.id, maxResults: 5, timeMin: '2027-02-01T00:00:00Z' })).data;
  assert.equal(page.items[0].id, `${series.id}_20270201`);
  assert.ok(page.nextPageToken);
});

await check('recurring: patch one instance (If-Match), delete one; incremental sync sees the exception and the cancelled instance', async () => {
  const token = await currentSyncToken();
  const march = (await api.events.get({ calendarId: cal, eventId: `${series.id}_20270301` })).data;
  const moved = (await api.events.patch({ calendarId: cal, eventId: march.id,
    requestBody: { start: { date: '2027-03-03' }, end: { date: '2027-03-04' } } }, { headers: { 'If-Match': march.etag } })).data;
  assert.equal(moved.id, march.id);
  assert.equal(moved.recurringEventId, series.id);
  await api.events.delete({ calendarId: cal, eventId: `${series.id}_20270401` });
  const changes = (await api.events.list({ calendarId: cal, syncToken: token })).data;
  const byId = Object.fromEntries(changes.items.map((e) => [e.id, e]));
  assert.equal(byId[march.id].start.date, '2027-03-03');
  assert.deepEqual(byId[march.id].originalStartTime, { date: '2027-03-01' });
  assert.equal(byId[`${series.id}_20270401`].status, 'cancelled');
  assert.equal(byId[`${series.id}_20270401`].recurringEventId, series.id);
  assert.deepEqual(byId[`${series.id}_20270401`].originalStartTime, { date: '2027-04-01' });
  assert.equal(byId[series.id], undefined, 'the master is unchanged');
  const master = (await api.events.get({ calendarId: cal, eventId: series.id })).data;
  assert.equal(master.etag, series.etag);
});

await check('recurring: singleEvents + orderBy=startTime expands the series; a timed series without timeZone is 400 required', async () => {
  const window = (await api.events.list({ calendarId: cal, singleEvents: true, orderBy: 'startTime',
    timeMin: '2027-02-15T00:00:00Z', timeMax: '2027-05-15T00:00:00Z' })).data;
  assert.deepEqual(window.items.map((e) => e.id), [`${series.id}_20270301`, `${series.id}_20270501`]);
  await expectStatus(400, 'required', api.events.insert({ calendarId: cal, requestBody: {
    summary: 'Salary', start: { dateTime: '2027-01-04T09:00:00+01:00' }, end: { dateTime: '2027-01-04T10:00:00+01:00' },
    recurrence: ['RRULE:FREQ=WEEKLY'] } }));
});

await check('events.watch opens a channel; channels.stop closes it', async () => {
  const channel = (await api.events.watch({ calendarId: cal, requestBody: {
    id: 'compat-channel-1', type: 'web_hook', address: 'https://127.0.0.1:9/hook', token: 'secret-token' } })).data;
  assert.equal(channel.kind, 'api#channel');
  assert.ok(channel.resourceId && channel.expiration);
  await api.channels.stop({ requestBody: { id: channel.id, resourceId: channel.resourceId } });
  await expectStatus(404, null, api.channels.stop({ requestBody: { id: channel.id, resourceId: channel.resourceId } }));
});

await check('calendars.get and calendarList.list', async () => {
  const primary = (await api.calendars.get({ calendarId: cal })).data;
  assert.equal(primary.kind, 'calendar#calendar');
  const list = (await api.calendarList.list()).data;
  assert.ok(list.items.some((c) => c.id === primary.id && c.primary === true));
});

await check('calendarList pages with nextPageToken, then syncs: a removed calendar comes back deleted, 410 on a bad token', async () => {
  const created = [];
  for (let i = 1; i <= 3; i++) created.push((await api.calendars.insert({ requestBody: { summary: `Budget ${i}` } })).data.id);
  let pageToken; let pages = 0; let listSyncToken; const seen = [];
  do {
    const page = (await api.calendarList.list({ maxResults: 2, pageToken })).data;
    pages++;
    seen.push(...page.items.map((c) => c.id));
    assert.ok(!(page.nextPageToken && page.nextSyncToken), 'never both tokens');
    pageToken = page.nextPageToken;
    listSyncToken = page.nextSyncToken ?? listSyncToken;
  } while (pageToken);
  assert.equal(pages, 2);
  assert.ok(created.every((id) => seen.includes(id)));
  await api.calendarList.delete({ calendarId: created[0] });
  const changes = (await api.calendarList.list({ syncToken: listSyncToken })).data;
  assert.deepEqual(changes.items.map((c) => [c.id, c.deleted]), [[created[0], true]]);
  assert.ok(changes.nextSyncToken);
  await expectStatus(410, 'fullSyncRequired', api.calendarList.list({ syncToken: 'bogus-token' }));
});

await check('events.move keeps the id: cancelled in the source, in the destination under its organizer', async () => {
  const bills = (await api.calendars.insert({ requestBody: { summary: 'Bills' } })).data.id;
  const ev = (await api.events.insert({ calendarId: cal, requestBody: allDay(20, 'Phone bill') })).data;
  const sourceToken = (await api.events.list({ calendarId: cal, maxResults: 2500 })).data.nextSyncToken;
  const moved = (await api.events.move({ calendarId: cal, eventId: ev.id, destination: bills })).data;
  assert.equal(moved.id, ev.id);
  assert.equal(moved.organizer.email, bills);
  assert.equal((await api.events.get({ calendarId: bills, eventId: ev.id })).data.status, 'confirmed');
  const changes = (await api.events.list({ calendarId: cal, syncToken: sourceToken })).data;
  assert.deepEqual(changes.items.map((e) => [e.id, e.status]), [[ev.id, 'cancelled']]);
});

await check('an expired access token is refreshed by the library with the refresh token', async () => {
  const before = auth.credentials.access_token;
  auth.setCredentials({ ...auth.credentials, expiry_date: Date.now() - 1000 });
  await api.events.get({ calendarId: cal, eventId: first.id });
  assert.notEqual(auth.credentials.access_token, before);
});

await check('revoke ends the grant: the next refresh is invalid_grant', async () => {
  const refreshToken = auth.credentials.refresh_token;
  await auth.revokeToken(refreshToken);
  const fresh = new OAuth2Client({ clientId: 'aegis-local-client', clientSecret: 'aegis-local-secret', endpoints: auth.endpoints });
  fresh.setCredentials({ refresh_token: refreshToken });
  const error = await fresh.refreshAccessToken().then(() => null, (e) => e);
  assert.ok(error, 'refresh after revoke must fail');
  assert.equal(error.response?.data?.error, 'invalid_grant');
});

const failed = results.filter((r) => !r.ok);
console.log(JSON.stringify({ client: '@googleapis/calendar + google-auth-library', passed: results.length - failed.length, failed }, null, 1));
process.exit(failed.length === 0 ? 0 : 1);
