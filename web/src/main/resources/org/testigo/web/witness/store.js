// The phone's own storage: IndexedDB, which survives closing the app, a reload and hours offline.
// Two object stores: "outbox" (everything the witness sends, with its receipt once delivered) and
// "kv" (the session: token, who it speaks for, the election's ballot). Used by the page and by the
// service worker alike, so it touches no DOM.

const DB_NAME = 'testigo-witness';
const DB_VERSION = 1;

let opening = null;

export function openDb() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, DB_VERSION);
      req.onupgradeneeded = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains('outbox')) {
          db.createObjectStore('outbox', { keyPath: 'id', autoIncrement: true });
        }
        if (!db.objectStoreNames.contains('kv')) {
          db.createObjectStore('kv', { keyPath: 'k' });
        }
      };
      req.onsuccess = () => {
        const db = req.result;
        // Another tab upgrading the schema: let it, and reopen on next use.
        db.onversionchange = () => { db.close(); opening = null; };
        resolve(db);
      };
      req.onerror = () => { opening = null; reject(req.error); };
    });
  }
  return opening;
}

function done(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function committed(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error('transaction aborted'));
  });
}

/** Adds a record to the outbox; resolves with its id once the transaction is durable. */
export async function add(item) {
  const db = await openDb();
  const tx = db.transaction('outbox', 'readwrite', { durability: 'strict' });
  const id = await done(tx.objectStore('outbox').add(item));
  await committed(tx);
  return id;
}

export async function put(item) {
  const db = await openDb();
  const tx = db.transaction('outbox', 'readwrite', { durability: 'strict' });
  tx.objectStore('outbox').put(item);
  await committed(tx);
}

export async function get(id) {
  const db = await openDb();
  return done(db.transaction('outbox').objectStore('outbox').get(id));
}

export async function remove(id) {
  const db = await openDb();
  const tx = db.transaction('outbox', 'readwrite');
  tx.objectStore('outbox').delete(id);
  await committed(tx);
}

/** Every outbox record, oldest first. */
export async function all() {
  const db = await openDb();
  return done(db.transaction('outbox').objectStore('outbox').getAll());
}

export async function getValue(k) {
  const db = await openDb();
  const row = await done(db.transaction('kv').objectStore('kv').get(k));
  return row ? row.v : undefined;
}

export async function setValue(k, v) {
  const db = await openDb();
  const tx = db.transaction('kv', 'readwrite', { durability: 'strict' });
  if (v === undefined) {
    tx.objectStore('kv').delete(k);
  } else {
    tx.objectStore('kv').put({ k, v });
  }
  await committed(tx);
}
