// The outbox: everything the witness sends goes into IndexedDB first (store.js), then to the server when
// a connection exists. Used by the page (on open, on the "online" event, on a timer) and by the service
// worker (Background Sync), never at the same time (a Web Lock).
//
// Idempotency: a record holds the exact request it will send — the JSON text, or the re-encoded photo's
// bytes with the QR text read beside it — fixed when it is queued and never rebuilt. The server recognises
// the same content from the same token as the same evidence (200, duplicate: true, the first evidence id,
// time and log index), so a resend after an unknown outcome (the connection dropped after the server had
// committed but before the answer arrived) cannot store anything twice; it only brings the receipt. The
// token a record was queued under is kept with it, since that is part of what the server compares.
//
// A failure is kept as data, not words: errorCode (the API's `error` code, NETWORK, or HTTP when the answer
// was not JSON), httpStatus and lastError (the server's own message, in English, or the network's). The page
// writes it in the witness's language when it shows the record (app.js, i18n.js).

import * as store from './store.js';

export const SYNC_TAG = 'testigo-outbox';
const CHANNEL = 'testigo-outbox';
const MIN_DELAY_MS = 2000;
const MAX_DELAY_MS = 60000;

const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;

/** Calls {@code listener} whenever the outbox changed here or in another context (another tab, the service worker). */
export function onChange(listener) {
  if (channel) {
    channel.addEventListener('message', () => listener()); // a channel never hears its own messages
  }
  localListeners.push(listener);
}

const localListeners = [];

function changed() {
  localListeners.forEach((l) => { try { l(); } catch (e) { console.error(e); } });
  if (channel) {
    channel.postMessage('changed');
  }
}

/**
 * Queues a request. {@code request} is {path, json} (the body's exact text) or {path, image: Blob, qr: [text]};
 * {@code thumb} a small data: URL of a photo, for the list.
 * Resolves once the record is durable on the phone.
 */
export async function enqueue({ kind, table, token, submitter, request, thumb }) {
  const item = {
    created: new Date().toISOString(), kind, table: table || null, thumb: thumb || null, token, submitter,
    request, state: 'queued', attempts: 0, nextAttemptAt: 0, lastError: null, errorCode: null, httpStatus: null, receipt: null, image: null,
    deliveredAt: null, error: null,
  };
  item.id = await store.add(item);
  changed();
  return item;
}

export async function items() {
  return store.all();
}

/** Counts by state: queued (waiting to be sent), sent, refused. */
export async function counts() {
  const c = { queued: 0, sent: 0, refused: 0 };
  for (const item of await store.all()) {
    c[item.state] = (c[item.state] || 0) + 1;
  }
  return c;
}

/** Puts a refused record back in the queue (after the witness fixed what the server named, e.g. their token). */
export async function retry(id) {
  const item = await store.get(id);
  if (item && item.state !== 'sent') {
    item.state = 'queued';
    item.nextAttemptAt = 0;
    await store.put(item);
    changed();
  }
}

/** Forgets a record that was never delivered (the witness discards it). Delivered records stay as receipts. */
export async function discard(id) {
  const item = await store.get(id);
  if (item && item.state !== 'sent') {
    await store.remove(id);
    changed();
  }
}

function backoff(attempts) {
  const base = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

let running = null; // where Web Locks are missing: one flush at a time in this context

/**
 * Sends what is due. {@code force} ignores each record's back-off (the connection just came back).
 * Resolves with {network: false} when the network failed (the caller may ask for Background Sync).
 */
export async function flush({ force = false } = {}) {
  if (typeof navigator !== 'undefined' && navigator.locks) {
    return navigator.locks.request('testigo-outbox', () => flushLocked(force));
  }
  if (!running) {
    running = flushLocked(force).finally(() => { running = null; });
  }
  return running;
}

async function flushLocked(force) {
  const now = Date.now();
  const blocked = new Set();
  let network = true;
  for (const item of await store.all()) {
    if (item.state === 'queued') {
      if (!network || blocked.has(item.token) || (!force && item.nextAttemptAt > now)) {
        continue;
      }
      const outcome = await send(item);
      changed();
      if (outcome === 'network') {
        network = false;
      } else if (outcome === 'unauthorized') {
        blocked.add(item.token);
      }
    } else if (item.state === 'sent' && network && item.image && item.image.status === 'decoding') {
      if (await follow(item)) {
        changed();
      }
    }
  }
  const left = (await store.all()).filter((i) => i.state === 'queued').length;
  return { network, queued: left };
}

/** The earliest time a queued record is due again, or null. */
export async function nextDue() {
  const due = (await store.all()).filter((i) => i.state === 'queued').map((i) => i.nextAttemptAt);
  return due.length ? Math.min(...due) : null;
}

function body(request) {
  if (request.json !== undefined) {
    return { body: request.json, type: 'application/json' };
  }
  const form = new FormData();
  form.append('image', request.image, 'acta.jpg');
  for (const q of request.qr || []) {
    form.append('qr', q);
  }
  return { body: form, type: null };
}

async function send(item) {
  item.attempts += 1;
  item.lastAttemptAt = new Date().toISOString();
  const { body: payload, type } = body(item.request);
  const headers = { Authorization: 'Bearer ' + item.token };
  if (type) {
    headers['Content-Type'] = type;
  }
  let response;
  let text;
  try {
    response = await fetch(item.request.path, { method: 'POST', headers, body: payload, cache: 'no-store', credentials: 'omit' });
    text = await response.text(); // a connection lost mid-answer is an unknown outcome too: resend
  } catch (e) {
    item.errorCode = 'NETWORK';
    item.httpStatus = null;
    item.lastError = e && e.message ? String(e.message) : String(e);
    item.nextAttemptAt = Date.now() + backoff(item.attempts);
    await store.put(item);
    return 'network';
  }
  let json = null;
  try {
    json = JSON.parse(text);
  } catch (e) {
    json = null;
  }
  const status = response.status;
  if (status >= 200 && status < 300 && json) {
    item.state = 'sent';
    item.receipt = json;
    item.deliveredAt = new Date().toISOString();
    item.lastError = null;
    item.errorCode = null;
    item.httpStatus = null;
    if (item.kind === 'acta-photo') {
      item.image = imageStatus(json);
    }
    await store.put(item);
    return 'sent';
  }
  const message = json && json.message ? json.message : null;
  item.errorCode = json && typeof json.error === 'string' ? json.error : 'HTTP';
  item.httpStatus = status;
  if (status === 401) {
    // Not the record's fault: the token was revoked or mistyped. Kept queued for a new sign-in.
    item.lastError = message;
    item.nextAttemptAt = Date.now() + MAX_DELAY_MS;
    await store.put(item);
    return 'unauthorized';
  }
  if (status === 408 || status === 429 || status >= 500 || !json) {
    const after = Number(response.headers.get('Retry-After'));
    item.lastError = message;
    item.nextAttemptAt = Date.now() + (after > 0 ? after * 1000 : backoff(item.attempts));
    await store.put(item);
    return 'later';
  }
  item.state = 'refused';
  item.error = json;
  item.lastError = message;
  await store.put(item);
  return 'refused';
}

function imageStatus(json) {
  return {
    id: json.id, status: json.status, table: json.table, evidence: json.evidence, log_index: json.log_index,
    reason: json.reason, reason_code: json.reason_code,
  };
}

/** Asks where a delivered photo stands (decoding → decoded, needs-transcription, rejected). */
async function follow(item) {
  try {
    const r = await fetch('/api/v1/images/' + item.image.id, {
      headers: { Authorization: 'Bearer ' + item.token }, cache: 'no-store', credentials: 'omit',
    });
    if (!r.ok) {
      return false;
    }
    const json = await r.json();
    if (json.status === item.image.status) {
      return false;
    }
    item.image = imageStatus(json);
    await store.put(item);
    return true;
  } catch (e) {
    return false;
  }
}
