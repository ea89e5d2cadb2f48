// The witness app's page: sign in, tables, scanning and photos, turnout and incidents, the outbox.
// Everything the witness sends goes through outbox.js (IndexedDB first, then the network).
import * as store from './store.js';
import * as outbox from './outbox.js';
import { reencode } from './photo.js';
import { qrSupported, detect, scanLive } from './scanner.js';
import { decodeVe2024 } from './ve2024.js';
import { t, tn, has, number, dateTime, clock, errorText, say, sayRaw, setLanguage, translatePage } from './i18n.js';

const $ = (id) => document.getElementById(id);

// The API's incident types (GET /api/v1/me gives the server's list; this one is the fallback).
const INCIDENT_TYPES = ['acta-refused', 'witness-expelled', 'could-not-sign', 'machine-failure', 'violence', 'other'];

/** A label from the strings when they have one ({@code prefix + value}), else the value as the server wrote it. */
function label(prefix, value) {
  return has(prefix + value) ? t(prefix + value) : String(value);
}

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
  sayRaw($('signin-error'), '');
  let response;
  try {
    response = await fetch('/api/v1/me', { headers: { Authorization: 'Bearer ' + token }, cache: 'no-store', credentials: 'omit' });
  } catch (e) {
    say($('signin-error'), 'signin.offline');
    show('signin');
    return false;
  }
  const json = await response.json().catch(() => null);
  if (!response.ok) {
    const code = json && json.error;
    if (code && has('error.' + code)) {
      say($('signin-error'), 'error.' + code);
    } else {
      sayRaw($('signin-error'), errorText(null, json && json.message, response.status));
    }
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
  if (c.queued > 0 && !window.confirm(tn('signout.confirm', c.queued))) {
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
  fillHome();
  show('home');
  renderOutbox();
}

/** Writes the home screen (tables, the forms' choices) without showing it: also on a change of language. */
function fillHome() {
  const me = session.me;
  $('who').textContent = me.submitter + (me.name ? ' · ' + me.name : '');
  const list = $('tables');
  list.replaceChildren(...tables().map((row) => el('li', { 'data-table': row.table },
    el('strong', { text: row.table }), ' ',
    el('span', { text: label('status.', row.status) + (row.incidents ? ' · ' + tn('table.incidents', row.incidents) : '') }),
    el('span', { class: 'place', text: (row.path || []).map((p) => p.name || p.code || p).join(' › ') }))));
  $('no-tables').hidden = tables().length > 0 || me.may_submit_any_table;
  fillSelect($('turnout-table'), tables().map((row) => [row.table, row.table]));
  fillSelect($('incident-table'), tables().map((row) => [row.table, row.table]));
  fillSelect($('turnout-at'), (me.turnout_times || ['10:00', '14:00', '18:00']).map((at) => [at, clock(at)]));
  fillSelect($('incident-type'), (me.incident_types || INCIDENT_TYPES).map((type) => [type, label('incident.', type)]));
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
  drawReview();
  show('review');
}

/** Writes the review screen for the draft: also on a change of language. */
function drawReview() {
  const { texts, photo } = draft;
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
      el('td', { text: cards.length === decoded.counts.length ? cards[i].name || cards[i].id : t('review.card', { n: i + 1 }) }),
      el('td', { class: 'n', text: number(n) })));
    read.append(
      el('p', {}, t('review.table') + ' ', el('strong', { id: 'review-table', text: decoded.table }), ' · ' + t('review.acta') + ' ', decoded.actaId),
      el('p', { id: 'review-totals', text: t('review.totals', { valid: decoded.valid, null: decoded.nullVotes }) }),
      el('table', { class: 'counts' }, el('tbody', {}, ...rows)));
    if (!tables().some((x) => x.table === decoded.table) && !session.me.may_submit_any_table) {
      warn.push(t('review.not-yours', { table: decoded.table }));
    }
  } else if (texts.length) {
    read.append(el('p', { text: tn('review.raw', texts.length) }),
      ...texts.map((text) => el('pre', { class: 'raw', text })));
  } else {
    read.append(el('p', { id: 'review-server-reads', text: t('review.server-reads') }));
  }
  $('review-warning').hidden = warn.length === 0;
  $('review-warning').textContent = warn.join(' ');
}

// What a record is about is written when it is shown (summary()), in the language of the moment.
async function queue(kind, table, request, extra = {}) {
  await outbox.enqueue({ kind, table, token: session.token, submitter: session.me.submitter, request, thumb: extra.thumb });
  toast(t(navigator.onLine ? 'toast.saved-sending' : 'toast.saved-offline'));
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
    await queue('acta-photo', table, { path: '/api/v1/submissions', image: photo.blob, qr: texts }, { thumb: photo.thumb });
  } else {
    const body = JSON.stringify({ payload: texts.length === 1 ? texts[0] : texts });
    await queue('acta-qr', table, { path: '/api/v1/submissions', json: body });
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
    toast(t('toast.not-a-photo', { error: e && e.message ? e.message : String(e) }));
  }
}

async function scan(onText) {
  show('scan');
  sayRaw($('scan-error'), '');
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
    say($('scan-error'), 'scan.camera-error', { error: e && e.name ? e.name : String(e) });
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
    toast(t('turnout.invalid'));
    return;
  }
  $('turnout-voters').value = '';
  await queue('turnout', table, { path: '/api/v1/checkins',
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
  await queue('incident', table, { path: '/api/v1/incidents', json: JSON.stringify(body) });
}

// ---- the outbox ------------------------------------------------------------------------------------

/** What a record is about, from the request it holds: the same in every language the app is shown in. */
function summary(item) {
  let body = {};
  try {
    body = item.request && item.request.json ? JSON.parse(item.request.json) : {};
  } catch (e) {
    body = {};
  }
  const parts = [];
  if (item.table) {
    parts.push(t('summary.table', { table: item.table }));
  }
  if (item.kind === 'turnout' && body.voters !== undefined) {
    parts.push(t('summary.turnout', { voters: body.voters, at: clock(body.at) }));
  } else if (item.kind === 'incident' && body.type) {
    parts.push(label('incident.', body.type));
  }
  return parts.join(' · ');
}

/** The refusal or the last failure of a record in words: the app's own for the codes it knows. */
function failure(item) {
  if (item.errorCode) {
    return errorText(item.errorCode, item.lastError, item.httpStatus);
  }
  return item.lastError || ''; // a record queued by an earlier version of the app
}

function logPart(index) {
  return index !== undefined && index !== null ? t('outbox.log', { index: String(index) }) : null;
}

function describe(item) {
  const r = item.receipt || {};
  if (item.state === 'sent') {
    const parts = [t('outbox.delivered')];
    if (item.kind === 'acta-photo') {
      const img = item.image || {};
      parts.push(t('outbox.photo', { id: String(img.id) }));
      if (img.status === 'decoding') {
        parts.push(t('outbox.photo-decoding'));
      } else if (img.status === 'decoded') {
        parts.push(t('outbox.photo-read', { table: img.table }));
        if (img.evidence) {
          parts.push(t('outbox.evidence', { id: String(img.evidence) }));
        }
        parts.push(logPart(img.log_index));
      } else if (img.status === 'needs-transcription') {
        parts.push(t('outbox.photo-transcription'));
      } else if (img.status === 'rejected') {
        parts.push(t('outbox.photo-rejected', { reason: has('reason.' + img.reason_code) ? t('reason.' + img.reason_code) : img.reason || img.reason_code }));
      }
    } else {
      parts.push(t('outbox.evidence', { id: String(r.evidence) }), logPart(r.log_index),
        r.table ? t('outbox.table', { table: r.table }) : null, r.status ? label('status.', r.status) : null);
    }
    return parts.filter((p) => p).join(' · ');
  }
  if (item.state === 'refused') {
    return t('outbox.refused', { error: failure(item) || t('error.http', { status: '?' }) });
  }
  const parts = [t('outbox.waiting')];
  if (item.attempts) {
    parts.push(tn('outbox.attempts', item.attempts));
  }
  const why = failure(item);
  if (why) {
    parts.push(why, item.errorCode ? t('outbox.will-retry') : null);
  }
  return parts.filter((p) => p).join(' · ');
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
    const about = summary(item);
    li.append(el('strong', { text: label('kind.', item.kind) + (about ? ' · ' + about : '') }),
      el('span', { class: 'detail', text: item.submitter ? t('outbox.queued-as', { time: dateTime(item.created), submitter: item.submitter })
        : t('outbox.queued', { time: dateTime(item.created) }) }),
      el('span', { class: 'state', text: describe(item) }));
    if (item.state === 'sent' && item.receipt) {
      const r = item.receipt;
      li.append(el('span', { class: 'detail receipt', text: t('outbox.received', { time: r.received_at ? dateTime(r.received_at) : '' })
        + (r.sha256 ? ' · sha256 ' + r.sha256 : '') }));
      li.append(el('details', {}, el('summary', { text: t('outbox.receipt') }), el('pre', { text: JSON.stringify(r, null, 1) })));
    }
    if (item.state === 'refused') {
      if (item.error && item.error.message && has('error.' + item.errorCode)) {
        // the app's words replaced the server's: keep its precise message (which field, what was expected) at hand
        li.append(el('details', {}, el('summary', { text: t('outbox.server-said') }), el('pre', { text: item.error.message })));
      }
      const again = el('button', { type: 'button', class: 'small secondary', text: t('outbox.retry') });
      again.addEventListener('click', () => outbox.retry(item.id).then(() => kick(true)));
      const drop = el('button', { type: 'button', class: 'small secondary', text: t('common.discard') });
      drop.addEventListener('click', () => outbox.discard(item.id));
      li.append(el('div', {}, again, drop));
    }
    return li;
  }));
  $('queue-empty').hidden = items.length > 0;
  const queued = items.filter((i) => i.state === 'queued').length;
  $('send-now').hidden = queued === 0;
  $('pending').hidden = queued === 0;
  $('pending').textContent = t('pending', { n: queued });
  $('pending').dataset.state = 'waiting';
}

let reachable = true; // whether the last attempt reached the server (the phone may be online, the server not)

function renderNet() {
  const state = !navigator.onLine ? 'offline' : reachable ? 'online' : 'unreachable';
  $('net').textContent = t('net.' + state);
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

/** A change of language: the page's fixed texts, then whatever is drawn from data, where it is. */
function chooseLanguage(lang) {
  setLanguage(lang);
  renderNet();
  if (session) {
    fillHome();
    renderOutbox();
  }
  if (draft && !$('review').hidden) {
    drawReview();
  }
}

async function start() {
  translatePage(); // the page is written in Spanish; the witness may have chosen English
  for (const b of document.querySelectorAll('[data-lang]')) {
    b.addEventListener('click', () => chooseLanguage(b.dataset.lang));
  }
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
  say($('photo-label'), live ? 'home.photo' : 'home.photo-server');

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
