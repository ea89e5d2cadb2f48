// The witness app's words in Spanish (the default: its witnesses are Venezuelan and Latin American) and
// English, and the locale's way of writing numbers and times. The choice stays on the phone (localStorage).
// Wording follows the public site's (site/…/messages_es.properties) where the same thing is said.
//
// STRINGS is written as JSON (double quotes, no comments, no trailing commas) so that
// WitnessAppStringsTest can read it and check that every key exists in both languages.
// Placeholders are {name}; a number passed as a parameter is written in the chosen locale.
// Keys ending in .one / .other are plural forms, chosen by tn().

const STRINGS = {
  "es": {
    "app.title": "Testigo · testigo de mesa",
    "lang.label": "Idioma",
    "loading": "Abriendo…",
    "signin.heading": "Entrar",
    "signin.intro": "Pegue el token de testigo que le dio su coordinador (empieza por tgo_), o abra con la cámara del teléfono el enlace de su código QR.",
    "signin.token": "Token de testigo",
    "signin.submit": "Entrar",
    "signin.scan": "Escanear el código QR del token",
    "signin.offline": "Sin conexión: para entrar hace falta conexión una vez. Inténtelo de nuevo cuando tenga señal.",
    "home.tables": "Mis mesas",
    "home.no-tables": "Todavía no tiene mesas asignadas. Consulte a su coordinador.",
    "home.scan-acta": "Escanear el código QR del acta",
    "home.photo": "Foto del acta",
    "home.photo-server": "Foto del acta (el servidor lee el código)",
    "home.paste": "Escribir o pegar el texto del QR",
    "home.turnout": "Reportar la participación",
    "home.incident": "Reportar una incidencia",
    "home.outbox": "Enviado y en espera",
    "home.queue-empty": "Todavía no ha enviado nada.",
    "home.send-now": "Enviar ahora",
    "home.sign-out": "Salir",
    "signout.confirm.one": "{n} envío sigue esperando. Se queda en este teléfono y sale con este token cuando vuelva a entrar. ¿Salir?",
    "signout.confirm.other": "{n} envíos siguen esperando. Se quedan en este teléfono y salen con este token cuando vuelva a entrar. ¿Salir?",
    "table.incidents.one": "{n} incidencia",
    "table.incidents.other": "{n} incidencias",
    "status.missing": "Sin acta",
    "status.provisional": "Provisional",
    "status.confirmed": "Confirmada",
    "status.conflicted": "En conflicto",
    "scan.heading": "Apunte la cámara al código QR",
    "scan.camera-error": "No se pudo abrir la cámara ({error}). Tome una foto en su lugar.",
    "common.cancel": "Cancelar",
    "common.send": "Enviar",
    "common.discard": "Descartar",
    "paste.heading": "Texto del QR",
    "paste.label": "El texto del código QR del acta (copiado de otra aplicación lectora de QR)",
    "paste.review": "Revisar",
    "review.heading": "Revise antes de enviar",
    "review.photo-alt": "La foto que se enviará",
    "review.table": "Mesa",
    "review.acta": "acta",
    "review.card": "Tarjeta {n}",
    "review.totals": "{valid} votos en las tarjetas, {null} nulos",
    "review.not-yours": "La mesa {table} no es una de sus mesas: el servidor la rechazará.",
    "review.raw.one": "Texto QR leído ({n} código); el servidor lo leerá:",
    "review.raw.other": "Texto QR leído ({n} códigos); el servidor lo leerá:",
    "review.server-reads": "Este teléfono no puede leer el código QR por sí mismo: la foto va al servidor, que lo lee. Asegúrese de que el código completo salga nítido en la foto.",
    "turnout.heading": "Participación",
    "turnout.at": "Hora",
    "turnout.voters": "Personas que han votado hasta ahora",
    "turnout.invalid": "Elija una mesa y escriba un número entero de votantes.",
    "form.table": "Mesa",
    "incident.heading": "Incidencia",
    "incident.type": "Qué pasó",
    "incident.text": "Detalles (opcional; solo los lee el centro de mando)",
    "incident.acta-refused": "No entregaron el acta",
    "incident.witness-expelled": "Sacaron al testigo del centro",
    "incident.could-not-sign": "No dejaron firmar el acta al testigo",
    "incident.machine-failure": "Falla de la máquina o de la impresora",
    "incident.violence": "Violencia o intimidación",
    "incident.other": "Otra incidencia",
    "toast.saved-sending": "Guardado en el teléfono; enviando…",
    "toast.saved-offline": "Guardado en el teléfono; se enviará cuando haya conexión.",
    "toast.not-a-photo": "Ese archivo no se pudo leer como foto: {error}",
    "net.online": "en línea",
    "net.offline": "sin conexión",
    "net.unreachable": "servidor inaccesible",
    "pending": "{n} en espera",
    "kind.acta-qr": "Acta (texto QR)",
    "kind.acta-photo": "Foto del acta",
    "kind.turnout": "Participación",
    "kind.incident": "Incidencia",
    "summary.table": "mesa {table}",
    "summary.turnout": "{voters} votantes a las {at}",
    "outbox.queued": "Guardado el {time}",
    "outbox.queued-as": "Guardado el {time} como {submitter}",
    "outbox.delivered": "Entregada",
    "outbox.photo": "foto n.º {id}",
    "outbox.evidence": "evidencia n.º {id}",
    "outbox.log": "registro n.º {index}",
    "outbox.table": "mesa {table}",
    "outbox.photo-decoding": "el servidor la está leyendo",
    "outbox.photo-read": "leída: mesa {table}",
    "outbox.photo-transcription": "no se pudo leer ningún código: voluntarios la transcribirán",
    "outbox.photo-rejected": "rechazada: {reason}",
    "outbox.refused": "Rechazada: {error}",
    "outbox.waiting": "En espera",
    "outbox.attempts.one": "{n} intento",
    "outbox.attempts.other": "{n} intentos",
    "outbox.will-retry": "se volverá a intentar",
    "outbox.received": "Recibida el {time}",
    "outbox.receipt": "Comprobante",
    "outbox.server-said": "Lo que dijo el servidor (en inglés)",
    "outbox.retry": "Reintentar",
    "reason.not-assigned": "la mesa del acta no es una de sus mesas",
    "error.NETWORK": "sin conexión",
    "error.http": "el servidor respondió con un error (HTTP {status})",
    "error.TOKEN_MISSING": "Falta el token de testigo.",
    "error.TOKEN_MALFORMED": "Eso no parece un token de testigo: empieza por tgo_.",
    "error.TOKEN_INVALID": "El servidor no reconoce este token (mal copiado o revocado). Pida uno a su coordinador.",
    "error.ROLE_NOT_ALLOWED": "Este token no permite hacer esto.",
    "error.NOT_ASSIGNED": "Esa mesa no es una de sus mesas.",
    "error.UNKNOWN_TABLE": "Esa mesa no existe en esta elección.",
    "error.MALFORMED_TABLE_ID": "Eso no parece el número de una mesa.",
    "error.NO_PAYLOAD": "El texto del QR está vacío.",
    "error.INVALID_PAYLOAD": "El texto no es un acta válida de esta elección.",
    "error.TOO_MANY_PAYLOADS": "Demasiados códigos QR en un solo envío.",
    "error.PAYLOAD_TOO_LARGE": "Un código QR es demasiado largo para ser un acta.",
    "error.UNKNOWN_FORMAT": "El acta no es del formato de esta elección.",
    "error.WRONG_FORMAT": "El acta no es del formato de esta elección.",
    "error.SIGNATURE_INVALID": "La firma del acta no es válida: el código está dañado o es falso.",
    "error.NO_ELECTION": "Este servidor todavía no tiene una elección cargada.",
    "error.RATE_LIMITED": "Demasiados envíos seguidos desde esta conexión.",
    "error.BUSY": "El servidor está ocupado leyendo otras actas.",
    "error.BODY_TOO_LARGE": "El archivo es demasiado grande.",
    "error.IMAGE_TOO_LARGE": "El archivo es demasiado grande.",
    "error.NOT_AN_IMAGE": "El archivo no es una foto.",
    "error.IMAGE_UNSUPPORTED_FORMAT": "El servidor no lee fotos de este tipo.",
    "error.IMAGE_TOO_MANY_PIXELS": "La foto tiene demasiados píxeles.",
    "error.IMAGE_TRUNCATED": "La foto está incompleta.",
    "error.IMAGE_CORRUPT": "La foto está dañada.",
    "error.UNKNOWN_TIME": "Esa hora no es una de las horas de reporte.",
    "error.OVER_REGISTERED": "Son más votantes que los electores inscritos en la mesa.",
    "error.NOT_SAMPLED": "Esa mesa no está en la muestra del conteo rápido.",
    "error.NO_SAMPLE": "Todavía no se ha sorteado la muestra del conteo rápido.",
    "error.AT_IN_FUTURE": "La hora del reporte está en el futuro: revise la hora del teléfono.",
    "error.FIELD_TOO_LONG": "El texto es demasiado largo.",
    "error.INTERNAL": "Error interno del servidor."
  },
  "en": {
    "app.title": "Testigo · witness",
    "lang.label": "Language",
    "loading": "Opening…",
    "signin.heading": "Sign in",
    "signin.intro": "Paste the witness token your coordinator gave you (it starts with tgo_), or open the link in its QR code with the phone's camera.",
    "signin.token": "Witness token",
    "signin.submit": "Sign in",
    "signin.scan": "Scan the token's QR code",
    "signin.offline": "No connection: signing in needs one, once. Try again when you have signal.",
    "home.tables": "My tables",
    "home.no-tables": "No table is assigned to you yet. Ask your coordinator.",
    "home.scan-acta": "Scan the acta's QR code",
    "home.photo": "Photo of the acta",
    "home.photo-server": "Photo of the acta (the server reads the code)",
    "home.paste": "Type or paste the QR text",
    "home.turnout": "Report turnout",
    "home.incident": "Report an incident",
    "home.outbox": "Sent and waiting",
    "home.queue-empty": "Nothing sent yet.",
    "home.send-now": "Send now",
    "home.sign-out": "Sign out",
    "signout.confirm.one": "{n} item is still waiting to be sent. It stays on this phone and goes out with this token when you sign in again. Sign out?",
    "signout.confirm.other": "{n} items are still waiting to be sent. They stay on this phone and go out with this token when you sign in again. Sign out?",
    "table.incidents.one": "{n} incident",
    "table.incidents.other": "{n} incidents",
    "status.missing": "No acta",
    "status.provisional": "Provisional",
    "status.confirmed": "Confirmed",
    "status.conflicted": "In conflict",
    "scan.heading": "Point the camera at the QR code",
    "scan.camera-error": "The camera could not be opened ({error}). Take a photo instead.",
    "common.cancel": "Cancel",
    "common.send": "Send",
    "common.discard": "Discard",
    "paste.heading": "QR text",
    "paste.label": "The text of the acta's QR code (from another reader app)",
    "paste.review": "Review",
    "review.heading": "Check before sending",
    "review.photo-alt": "The photo that will be sent",
    "review.table": "Table",
    "review.acta": "acta",
    "review.card": "Card {n}",
    "review.totals": "{valid} votes on the cards, {null} null",
    "review.not-yours": "Table {table} is not one of your tables: the server will refuse it.",
    "review.raw.one": "QR text read ({n} code); the server will read it:",
    "review.raw.other": "QR text read ({n} codes); the server will read it:",
    "review.server-reads": "This phone cannot read the QR code itself: the photo goes to the server, which reads it. Make sure the whole code is sharp and in the picture.",
    "turnout.heading": "Turnout",
    "turnout.at": "Time",
    "turnout.voters": "People who have voted so far",
    "turnout.invalid": "Choose a table and give a whole number of voters.",
    "form.table": "Table",
    "incident.heading": "Incident",
    "incident.type": "What happened",
    "incident.text": "Details (optional; only the command centre reads them)",
    "incident.acta-refused": "The acta was not handed over",
    "incident.witness-expelled": "The witness was forced out",
    "incident.could-not-sign": "The witness was not allowed to sign the acta",
    "incident.machine-failure": "Voting machine or printer failure",
    "incident.violence": "Violence or intimidation",
    "incident.other": "Other incident",
    "toast.saved-sending": "Saved on the phone; sending…",
    "toast.saved-offline": "Saved on the phone; it will be sent when there is a connection.",
    "toast.not-a-photo": "That file could not be read as a photo: {error}",
    "net.online": "online",
    "net.offline": "offline",
    "net.unreachable": "server unreachable",
    "pending": "{n} waiting",
    "kind.acta-qr": "Acta (QR text)",
    "kind.acta-photo": "Acta photo",
    "kind.turnout": "Turnout",
    "kind.incident": "Incident",
    "summary.table": "table {table}",
    "summary.turnout": "{voters} voters at {at}",
    "outbox.queued": "Queued {time}",
    "outbox.queued-as": "Queued {time} as {submitter}",
    "outbox.delivered": "Delivered",
    "outbox.photo": "photo #{id}",
    "outbox.evidence": "evidence #{id}",
    "outbox.log": "log #{index}",
    "outbox.table": "table {table}",
    "outbox.photo-decoding": "the server is reading it",
    "outbox.photo-read": "read: table {table}",
    "outbox.photo-transcription": "no code could be read: volunteers will transcribe it",
    "outbox.photo-rejected": "rejected: {reason}",
    "outbox.refused": "Refused: {error}",
    "outbox.waiting": "Waiting to send",
    "outbox.attempts.one": "{n} attempt",
    "outbox.attempts.other": "{n} attempts",
    "outbox.will-retry": "will try again",
    "outbox.received": "Received {time}",
    "outbox.receipt": "Receipt",
    "outbox.server-said": "What the server said",
    "outbox.retry": "Try again",
    "reason.not-assigned": "the acta's table is not one of your tables",
    "error.NETWORK": "no connection",
    "error.http": "the server answered with an error (HTTP {status})",
    "error.TOKEN_MISSING": "The witness token is missing.",
    "error.TOKEN_MALFORMED": "That does not look like a witness token: it starts with tgo_.",
    "error.TOKEN_INVALID": "The server does not know this token (mistyped or revoked). Ask your coordinator for one.",
    "error.ROLE_NOT_ALLOWED": "This token may not do that.",
    "error.NOT_ASSIGNED": "That table is not one of your tables.",
    "error.UNKNOWN_TABLE": "That table does not exist in this election.",
    "error.MALFORMED_TABLE_ID": "That does not look like a table number.",
    "error.NO_PAYLOAD": "The QR text is empty.",
    "error.INVALID_PAYLOAD": "The text is not a valid acta of this election.",
    "error.TOO_MANY_PAYLOADS": "Too many QR codes in one submission.",
    "error.PAYLOAD_TOO_LARGE": "A QR code is too long to be an acta.",
    "error.UNKNOWN_FORMAT": "The acta is not in this election's format.",
    "error.WRONG_FORMAT": "The acta is not in this election's format.",
    "error.SIGNATURE_INVALID": "The acta's signature is not valid: the code is damaged or forged.",
    "error.NO_ELECTION": "This server has no election loaded yet.",
    "error.RATE_LIMITED": "Too many submissions in a row from this connection.",
    "error.BUSY": "The server is busy reading other actas.",
    "error.BODY_TOO_LARGE": "The file is too large.",
    "error.IMAGE_TOO_LARGE": "The file is too large.",
    "error.NOT_AN_IMAGE": "The file is not a photo.",
    "error.IMAGE_UNSUPPORTED_FORMAT": "The server does not read photos of this kind.",
    "error.IMAGE_TOO_MANY_PIXELS": "The photo has too many pixels.",
    "error.IMAGE_TRUNCATED": "The photo is incomplete.",
    "error.IMAGE_CORRUPT": "The photo is damaged.",
    "error.UNKNOWN_TIME": "That time is not one of the reporting times.",
    "error.OVER_REGISTERED": "That is more voters than the table's registered electors.",
    "error.NOT_SAMPLED": "That table is not in the quick count's sample.",
    "error.NO_SAMPLE": "The quick count's sample has not been drawn yet.",
    "error.AT_IN_FUTURE": "The report's time is in the future: check the phone's clock.",
    "error.FIELD_TOO_LONG": "The text is too long.",
    "error.INTERNAL": "Internal server error."
  }
};

export const LANGUAGES = ['es', 'en'];
const DEFAULT = 'es';
const KEY = 'testigo-witness-lang';
// Spanish numbers as the public site writes them (12.345, 1.234); times as Venezuela reads them.
const LOCALES = { es: 'es-VE', en: 'en' };

let current = stored();
let formats = null;

function stored() {
  try {
    const v = localStorage.getItem(KEY);
    return LANGUAGES.includes(v) ? v : DEFAULT;
  } catch (e) {
    return DEFAULT; // storage blocked: Spanish
  }
}

export function language() {
  return current;
}

/** Chooses the language (kept on this phone) and translates the page's static texts. */
export function setLanguage(lang) {
  if (!LANGUAGES.includes(lang)) {
    return;
  }
  current = lang;
  formats = null;
  try {
    localStorage.setItem(KEY, lang);
  } catch (e) {
    // private mode: the choice lasts this visit
  }
  translatePage();
}

function fmt() {
  if (!formats) {
    const locale = LOCALES[current];
    formats = {
      number: new Intl.NumberFormat(locale),
      dateTime: new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' }),
      clock: new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }),
      plural: new Intl.PluralRules(locale),
    };
  }
  return formats;
}

export function has(key) {
  return Object.prototype.hasOwnProperty.call(STRINGS[current], key);
}

/** The text of {@code key} in the chosen language, its {name} placeholders filled (numbers in the locale's way). */
export function t(key, params = {}) {
  const text = has(key) ? STRINGS[current][key] : key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => {
    const v = params[name];
    if (v === undefined || v === null) {
      return whole;
    }
    return typeof v === 'number' ? number(v) : String(v);
  });
}

/** {@code key}.one or .other (or .many, where the language has it) for the count {@code n}. */
export function tn(key, n, params = {}) {
  const form = key + '.' + fmt().plural.select(n);
  return t(has(form) ? form : key + '.other', { n, ...params });
}

export function number(n) {
  return fmt().number.format(n);
}

/** A date and time (an ISO-8601 string or a Date) in the locale's short form; the input itself when unreadable. */
export function dateTime(value) {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? String(value) : fmt().dateTime.format(d);
}

/** A time of day "HH:MM" as the locale writes it (14:00 → 2:00 p. m. in Venezuela). */
export function clock(hhmm) {
  const m = /^(\d{1,2}):(\d{2})$/.exec(String(hhmm));
  if (!m) {
    return String(hhmm);
  }
  const d = new Date(2000, 0, 1, Number(m[1]), Number(m[2]));
  return fmt().clock.format(d);
}

/**
 * What to tell the witness about an API refusal: this app's own words for the error codes it knows
 * (docs/api.md, "Errors"), otherwise the server's message (English), otherwise the HTTP status.
 */
export function errorText(code, serverMessage, status) {
  if (code && has('error.' + code)) {
    return t('error.' + code);
  }
  if (serverMessage) {
    return serverMessage;
  }
  return t('error.http', { status: status ? String(status) : '?' });
}

/**
 * Shows {@code key} in {@code element} and marks it, so that a change of language translates it again.
 * Numbers in {@code params} must be JSON numbers or strings.
 */
export function say(element, key, params) {
  element.dataset.i18n = key;
  if (params) {
    element.dataset.i18nParams = JSON.stringify(params);
  } else {
    delete element.dataset.i18nParams;
  }
  element.textContent = t(key, params || {});
}

/** Shows a text that is not the app's own (e.g. the server's message): no longer translated. */
export function sayRaw(element, text) {
  delete element.dataset.i18n;
  delete element.dataset.i18nParams;
  element.textContent = text;
}

/** Translates every element marked data-i18n (its text) or data-i18n-aria-label / data-i18n-alt, and <html lang>. */
export function translatePage() {
  document.documentElement.lang = current;
  for (const e of document.querySelectorAll('[data-i18n]')) {
    const params = e.dataset.i18nParams ? JSON.parse(e.dataset.i18nParams) : {};
    e.textContent = t(e.dataset.i18n, params);
  }
  for (const e of document.querySelectorAll('[data-i18n-aria-label]')) {
    e.setAttribute('aria-label', t(e.dataset.i18nAriaLabel));
  }
  for (const e of document.querySelectorAll('[data-i18n-alt]')) {
    e.setAttribute('alt', t(e.dataset.i18nAlt));
  }
  for (const b of document.querySelectorAll('[data-lang]')) {
    b.setAttribute('aria-pressed', String(b.dataset.lang === current));
  }
}
