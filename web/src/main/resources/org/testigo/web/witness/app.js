// The witness app's page: sign in, tables, scanning and photos, turnout and incidents, the outbox.
// Everything the witness sends goes through outbox.js (IndexedDB first, then the network).
import * as store from './store.js';
import * as outbox from './outbox.js';
import { reencode } from './photo.js';
import { qrSupported, detect, scanLive } from './scanner.js';
import { decodeVe2024 } from './ve2024.js';

const $ = (id) => document.getElementById(id);

const INCIDENT_LABELS = {
  'acta-refused': 'They will not give us the acta',
  'witness-expelled': 'I was forced out',
  'could-not-sign': 'I could not sign the acta',
  'machine-failure': 'The voting machine failed',
  violence: 'Violence or threats',
  other: 'Something else',
};

const KIND_LABELS = {
  'acta-qr': 'Acta (QR text)',
  'acta-photo': 'Acta photo',
  turnout: 'Turnout',
  incident: 'Incident',
};

let session = null; // {token, me, election: {id, tally_format, cards}}
let draft = null; // what the review screen shows: {texts, photo}
let scanning = null;

function show(id) {
  for (const s of document.querySelectorAll('main > section')) {
    s.hidden = s.id !== id;
  }
  window.scrollTo(0, 0);
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') {
      e.textContent = v;
    } else if (v !== null && v !== undefined && v !== false) {
      e.setAttribute(k, v === true ? '' : v);
    }
  }
  for (const c of children) {
    if (c !== null && c !== undefined) {
      e.append(c);
    }
  }
  return e;
}

let toastTimer = null;
function toast(message) {
  $('toast').textContent = message;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { $('toast').textContent = ''; }, 4000);
}

// ---- session ---------------------------------------------------------------------------------------

function tokenIn(text) {
  const t = String(text || '').trim();
  const m = /(?:^|[#?&]token=)(tgo_[A-Za-z0-9_-]+)/.exec(t) || /^(tgo_[A-Za-z0-9_-]+)$/.exec(t);
  return m ? m[1] : t;
}

async function signIn(text) {
  const token = tokenIn(text);
  $('signin-error').textContent = '';
  let response;
  try {
    response = await fetch('/api/v1/me', { headers: { Authorization: 'Bearer ' + token }, cache: 'no-store', credentials: 'omit' });
  } catch (e) {
    $('signin-error').textContent = 'No connection: signing in needs one, once. Try again when you have signal.';
    show('signin');
    return false;
  }
  const json = await response.json().catch(() => null);
  if (!response.ok) {
    $('signin-error').textContent = (json && json.message) || 'The server refused the token (HTTP ' + response.status + ').';
    show('signin');
    return false;
  }
  session = { token, me: json, election: await election() };
  await store.setValue('session', session);
  $('token').value = '';
  renderHome();
  kick(true);
  return true;
}

async function election() {
  try {
    const r = await fetch('/api/v1/election', { cache: 'no-store' });
    const e = await r.json();
    return { id: e.id, tally_format: e.tally_format, cards: (e.ballot && e.ballot.cards) || [] };
  } catch (e) {
    return null;
  }
}

/** Brings the tables' statuses up to date when there is a connection (the app works without). */
async function refreshMe() {
  if (!session) {
    return;
  }
  try {
    const r = await fetch('/api/v1/me', { headers: { Authorization: 'Bearer ' + session.token }, cache: 'no-store', credentials: 'omit' });
    if (r.ok) {
      session.me = await r.json();
      if (!session.election) {
        session.election = await election();
      }
      await store.setValue('session', session);
      renderHome();
    }
  } catch (e) {
    // offline: keep what we have
  }
}

async function signOut() {
  const c = await outbox.counts();
  if (c.queued > 0 && !window.confirm(c.queued + ' item(s) are still waiting to be sent. They stay on this phone and go out with '
      + 'this token when you sign in again. Sign out?')) {
    return;
  }
  session = null;
  await store.setValue('session', undefined);
  show('signin');
}

// ---- home ------------------------------------------------------------------------------------------

function tables() {
  return (session && session.me && session.me.tables) || [];
}

function renderHome() {
  if (!session) {
    show('signin');
    return;
  }
  const me = session.me;
  $('who').textContent = me.submitter + (me.name ? ' · ' + me.name : '');
  const list = $('tables');
  list.replaceChildren(...tables().map((t) => el('li', { 'data-table': t.table },
    el('strong', { text: t.table }), ' ',
    el('span', { text: t.status + (t.incidents ? ' · ' + t.incidents + ' incident(s)' : '') }),
    el('span', { class: 'place', text: (t.path || []).map((p) => p.name || p.code || p).join(' › ') }))));
  $('no-tables').hidden = tables().length > 0 || me.may_submit_any_table;
  fillSelect($('turnout-table'), tables().map((t) => [t.table, t.table]));
  fillSelect($('incident-table'), tables().map((t) => [t.table, t.table]));
  fillSelect($('turnout-at'), (me.turnout_times || ['10:00', '14:00', '18:00']).map((t) => [t, t]));
  fillSelect($('incident-type'), (me.incident_types || Object.keys(INCIDENT_LABELS)).map((t) => [t, INCIDENT_LABELS[t] || t]));
  show('home');
  renderOutbox();
}

function fillSelect(select, options) {
  const keep = select.value;
  select.replaceChildren(...options.map(([value, label]) => el('option', { value, text: label })));
  if (options.some(([v]) => v === keep)) {
    select.value = keep;
  }
}

// ---- review and queueing ---------------------------------------------------------------------------

function review(texts, photo) {
  draft = { texts, photo };
  const read = $('review-read');
  read.replaceChildren();
  const photoEl = $('review-photo');
  photoEl.hidden = !photo;
  if (photo) {
    photoEl.src = photo.thumb;
  }
  const warn = [];
  const format = session.election && session.election.tally_format;
  const decoded = texts.length === 1 && (!format || format === 've-2024') ? decodeVe2024(texts[0]) : null;
  if (decoded) {
    const cards = (session.election && session.election.cards) || [];
    const rows = decoded.counts.map((n, i) => el('tr', {},
      el('td', { text: cards.length === decoded.counts.length ? cards[i].name || cards[i].id : 'card ' + (i + 1) }),
      el('td', { class: 'n', text: String(n) })));
    read.append(
      el('p', {}, 'Table ', el('strong', { id: 'review-table', text: decoded.table }), ' · acta ', decoded.actaId),
      el('p', { id: 'review-totals', text: decoded.valid + ' votes on the cards, ' + decoded.nullVotes + ' null' }),
      el('table', { class: 'counts' }, el('tbody', {}, ...rows)));
    if (!tables().some((t) => t.table === decoded.table) && !session.me.may_submit_any_table) {
      warn.push('Table ' + decoded.table + ' is not one of your tables: the server will refuse it.');
    }
  } else if (texts.length) {
    read.append(el('p', { text: 'QR text read (' + texts.length + ' code' + (texts.length > 1 ? 's' : '') + '); the server will read it:' }),
      ...texts.map((t) => el('pre', { class: 'raw', text: t })));
  } else {
    read.append(el('p', { id: 'review-server-reads', text: 'This phone cannot read the QR code itself: the photo goes to the server, which reads it. '
      + 'Make sure the whole code is sharp and in the picture.' }));
  }
  $('review-warning').hidden = warn.length === 0;
  $('review-warning').textContent = warn.join(' ');
  show('review');
}

async function queue(kind, table, summary, request, extra = {}) {
  await outbox.enqueue({ kind, table, summary, token: session.token, submitter: session.me.submitter, request, thumb: extra.thumb });
  toast(navigator.onLine ? 'Saved on the phone; sending…' : 'Saved on the phone; it will be sent when there is a connection.');
  renderHome();
  kick(true);
}

async function sendDraft() {
  if (!draft) {
    return;
  }
  const { texts, photo } = draft;
  draft = null;
  const decoded = texts.length === 1 ? decodeVe2024(texts[0]) : null;
  const table = decoded ? decoded.table : null;
  if (photo) {
    await queue('acta-photo', table, table ? 'table ' + table : 'photo', { path: '/api/v1/submissions', image: photo.blob, qr: texts },
      { thumb: photo.thumb });
  } else {
    const body = JSON.stringify({ payload: texts.length === 1 ? texts[0] : texts });
    await queue('acta-qr', table, table ? 'table ' + table : 'QR text', { path: '/api/v1/submissions', json: body });
  }
}

async function onPhoto(event) {
  const file = event.target.files && event.target.files[0];
  event.target.value = ''; // the same file may be chosen again
  if (!file) {
    return;
  }
  try {
    const photo = await reencode(file);
    const texts = await detect(file);
    review(texts, photo);
  } catch (e) {
    toast('That file could not be read as a photo: ' + (e && e.message ? e.message : e));
  }
}

async function scan(onText) {
  show('scan');
  $('scan-error').textContent = '';
  scanning = scanLive($('video'));
  try {
    const texts = await scanning.result;
    scanning = null;
    if (texts && texts.length) {
      onText(texts);
    } else {
      renderHome();
    }
  } catch (e) {
    scanning = null;
    $('scan-error').textContent = 'The camera could not be opened (' + (e && e.name ? e.name : e) + '). Take a photo instead.';
  }
}

function nowUtc() {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

async function onTurnout(event) {
  event.preventDefault();
  const table = $('turnout-table').value;
  const at = $('turnout-at').value;
  const voters = Number($('turnout-voters').value);
  if (!table || !Number.isInteger(voters) || voters < 0) {
    toast('Choose a table and give a whole number of voters.');
    return;
  }
  $('turnout-voters').value = '';
  await queue('turnout', table, voters + ' voters at ' + at, { path: '/api/v1/checkins',
    json: JSON.stringify({ table, kind: 'turnout', at, voters }) });
}

async function onIncident(event) {
  event.preventDefault();
  const table = $('incident-table').value;
  const type = $('incident-type').value;
  const text = $('incident-text').value.trim();
  const body = { table, type, at: nowUtc() }; // the time is fixed now: a resend is then the same report
  if (text) {
    body.text = text;
  }
  $('incident-text').value = '';
  await queue('incident', table, INCIDENT_LABELS[type] || type, { path: '/api/v1/incidents', json: JSON.stringify(body) });
}

// ---- the outbox ------------------------------------------------------------------------------------

function describe(item) {
  const r = item.receipt || {};
  if (item.state === 'sent') {
    if (item.kind === 'acta-photo') {
      const img = item.image || {};
      const parts = ['Delivered · photo #' + img.id];
      if (img.status === 'decoding') {
        parts.push('the server is reading it');
      } else if (img.status === 'decoded') {
        parts.push('read: table ' + img.table + (img.evidence ? ' · evidence #' + img.evidence : '')
          + (img.log_index !== undefined && img.log_index !== null ? ' · log #' + img.log_index : ''));
      } else if (img.status === 'needs-transcription') {
        parts.push('no code could be read: volunteers will transcribe it');
      } else if (img.status === 'rejected') {
        parts.push('rejected: ' + (img.reason || img.reason_code));
      }
      return parts.join(' · ');
    }
    return 'Delivered · evidence #' + r.evidence + (r.log_index !== undefined ? ' · log #' + r.log_index : '')
      + (r.table ? ' · table ' + r.table : '') + (r.status ? ' · ' + r.status : '');
  }
  if (item.state === 'refused') {
    return 'Refused: ' + (item.lastError || 'the server refused it');
  }
  return 'Waiting to send' + (item.attempts ? ' · ' + item.attempts + ' attempt' + (item.attempts > 1 ? 's' : '') : '')
    + (item.lastError ? ' · ' + item.lastError : '');
}

async function renderOutbox() {
  if (!session) {
    return;
  }
  const items = (await outbox.items()).reverse();
  const list = $('outbox');
  list.replaceChildren(...items.map((item) => {
    const li = el('li', { 'data-state': item.state, 'data-kind': item.kind, 'data-id': String(item.id) });
    if (item.thumb) {
      li.append(el('img', { src: item.thumb, alt: '' }));
    }
    li.append(el('strong', { text: (KIND_LABELS[item.kind] || item.kind) + (item.summary ? ' · ' + item.summary : '') }),
      el('span', { class: 'detail', text: 'queued ' + new Date(item.created).toLocaleString() + (item.submitter ? ' as ' + item.submitter : '') }),
      el('span', { class: 'state', text: describe(item) }));
    if (item.state === 'sent' && item.receipt) {
      const r = item.receipt;
      li.append(el('span', { class: 'detail receipt', text: 'received ' + (r.received_at || '') + (r.sha256 ? ' · sha256 ' + r.sha256 : '') }));
      li.append(el('details', {}, el('summary', { text: 'Receipt' }), el('pre', { text: JSON.stringify(r, null, 1) })));
    }
    if (item.state === 'refused') {
      const again = el('button', { type: 'button', class: 'small secondary', text: 'Try again' });
      again.addEventListener('click', () => outbox.retry(item.id).then(() => kick(true)));
      const drop = el('button', { type: 'button', class: 'small secondary', text: 'Discard' });
      drop.addEventListener('click', () => outbox.discard(item.id));
      li.append(el('div', {}, again, drop));
    }
    return li;
  }));
  $('queue-empty').hidden = items.length > 0;
  const queued = items.filter((i) => i.state === 'queued').length;
  $('send-now').hidden = queued === 0;
  $('pending').hidden = queued === 0;
  $('pending').textContent = queued + ' waiting';
  $('pending').dataset.state = 'waiting';
}

let reachable = true; // whether the last attempt reached the server (the phone may be online, the server not)

function renderNet() {
  const state = !navigator.onLine ? 'offline' : reachable ? 'online' : 'unreachable';
  $('net').textContent = state === 'unreachable' ? 'server unreachable' : state;
  $('net').dataset.state = state;
}

let flushing = false;
let again = null; // a kick that came while sending: run once more after (forced if any of them was)
async function kick(force) {
  if (flushing) {
    again = again === true || force;
    return;
  }
  flushing = true;
  try {
    const result = await outbox.flush({ force });
    if (reachable !== result.network) {
      reachable = result.network;
      renderNet();
    }
    if (!result.network) {
      await askForSync();
    }
  } catch (e) {
    console.error('sending the outbox failed', e);
  } finally {
    flushing = false;
    renderOutbox();
    if (again !== null) {
      const f = again;
      again = null;
      kick(f);
    }
  }
}

async function askForSync() {
  try {
    const reg = await navigator.serviceWorker.ready;
    if (reg.sync) {
      await reg.sync.register(outbox.SYNC_TAG);
    }
  } catch (e) {
    // no Background Sync here: the page's own timer retries
  }
}

// ---- start -----------------------------------------------------------------------------------------

async function start() {
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('sw.js', { type: 'module', scope: './' }).catch((e) => console.warn('no offline shell:', e));
  }
  $('signin-form').addEventListener('submit', (e) => { e.preventDefault(); signIn($('token').value); });
  $('scan-token').addEventListener('click', () => scan((texts) => signIn(texts[0])));
  $('scan-acta').addEventListener('click', () => scan((texts) => review(texts, null)));
  $('scan-cancel').addEventListener('click', () => { if (scanning) scanning.stop(); renderHome(); });
  $('photo-input').addEventListener('change', onPhoto);
  $('paste-qr').addEventListener('click', () => { $('qr-text').value = ''; show('paste'); });
  $('paste-form').addEventListener('submit', (e) => { e.preventDefault(); review([$('qr-text').value.trim()], null); });
  $('review-send').addEventListener('click', sendDraft);
  $('open-turnout').addEventListener('click', () => show('turnout'));
  $('open-incident').addEventListener('click', () => show('incident'));
  $('turnout-form').addEventListener('submit', onTurnout);
  $('incident-form').addEventListener('submit', onIncident);
  $('send-now').addEventListener('click', () => kick(true));
  $('sign-out').addEventListener('click', signOut);
  for (const b of document.querySelectorAll('button.back')) {
    b.addEventListener('click', () => { draft = null; renderHome(); });
  }
  window.addEventListener('online', () => { renderNet(); kick(true); refreshMe(); });
  window.addEventListener('offline', renderNet);
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') kick(false); });
  outbox.onChange(renderOutbox);
  setInterval(() => kick(false), 3000); // each record keeps its own back-off; this only looks at what is due
  renderNet();

  const live = await qrSupported() && navigator.mediaDevices && navigator.mediaDevices.getUserMedia;
  $('scan-acta').hidden = !live;
  $('scan-token').hidden = !live;
  $('photo-label').textContent = live ? 'Photo of the acta' : 'Photo of the acta (the server reads the code)';

  const linked = /[#&]token=([^&]+)/.exec(location.hash);
  if (linked) {
    history.replaceState(null, '', location.pathname); // the token leaves the address bar and history
  }
  session = await store.getValue('session');
  if (linked && (!session || session.token !== decodeURIComponent(linked[1]))) {
    await signIn(decodeURIComponent(linked[1]));
  } else if (session) {
    renderHome();
    refreshMe();
  } else {
    show('signin');
  }
  kick(true);
  document.body.dataset.ready = 'true';
}

start();
