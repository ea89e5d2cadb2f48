// Testigo command centre: the transcription desk, the coverage board, the coordinators' views.
// Plain JS against the JSON API (docs/api.md); no inline code anywhere (the server's CSP forbids it).
'use strict';

(() => {
  const TOKEN_KEY = 'testigo.centre.token';
  const COVERAGE_EVERY_MS = 3000;
  const DESK_EMPTY_RETRY_MS = 5000;
  const $ = (id) => document.getElementById(id);
  const el = (tag, props, ...children) => {
    const e = document.createElement(tag);
    Object.assign(e, props || {});
    for (const c of children) {
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  };

  let me = null; // GET /api/v1/me of the signed-in token
  let timers = []; // polling of the view on screen, cleared when the view changes

  // ---- API ---------------------------------------------------------------------------------------

  function token() {
    return sessionStorage.getItem(TOKEN_KEY);
  }

  async function api(path, options = {}) {
    const headers = Object.assign({ Authorization: 'Bearer ' + token() }, options.headers || {});
    const res = await fetch(path, Object.assign({}, options, { headers, cache: 'no-store' }));
    if (res.status === 401) {
      signOut('Your token is no longer accepted: sign in again.');
      throw new Error('signed out');
    }
    return res;
  }

  async function json(res) {
    try {
      return await res.json();
    } catch (e) {
      return { message: 'the server answered ' + res.status };
    }
  }

  function postJson(path, body) {
    return api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  }

  // A derivative needs the bearer token, so an <img src> cannot fetch it; the CSP allows data: images.
  async function imageData(path) {
    const res = await api(path);
    if (!res.ok) {
      return null;
    }
    const blob = await res.blob();
    return new Promise((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result);
      reader.onerror = () => resolve(null);
      reader.readAsDataURL(blob);
    });
  }

  // ---- sign in and views -------------------------------------------------------------------------

  function signOut(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    me = null;
    show('signin');
    $('signin-error').textContent = message || '';
    $('token').value = '';
    $('token').focus();
  }

  async function signIn(value) {
    sessionStorage.setItem(TOKEN_KEY, value.trim());
    const res = await fetch('/api/v1/me', { headers: { Authorization: 'Bearer ' + token() }, cache: 'no-store' });
    if (!res.ok) {
      const body = await json(res);
      signOut(res.status === 401 ? 'This token is not recognised (or was revoked).' : (body.message || 'Sign-in failed.'));
      return false;
    }
    const who = await res.json();
    if (who.role === 'witness') {
      signOut('A witness token belongs to the witness app (/app/), not the command centre.');
      return false;
    }
    me = who;
    $('who').textContent = who.submitter + ' (' + who.role + ')';
    const coordinator = who.role === 'coordinator' || who.role === 'admin';
    document.querySelectorAll('nav .coord').forEach((a) => { a.hidden = !coordinator; });
    $('nav').hidden = false;
    return true;
  }

  function show(id) {
    for (const s of document.querySelectorAll('main > section')) {
      s.hidden = s.id !== id;
    }
    document.querySelectorAll('nav a').forEach((a) => a.classList.toggle('active', a.id === 'nav-' + id));
    timers.forEach(clearTimeout);
    timers = [];
  }

  function route() {
    if (!me) {
      show('signin');
      $('token').focus();
      return;
    }
    const [view, arg] = (location.hash.replace(/^#/, '') || 'desk').split('/');
    const coordinator = me.role === 'coordinator' || me.role === 'admin';
    if (view === 'coverage') {
      show('coverage');
      coverage.open(arg ? decodeURIComponent(arg) : '');
    } else if (view === 'volunteers' && coordinator) {
      show('volunteers');
      volunteers.load();
    } else if (view === 'assignments' && coordinator) {
      show('assignments');
      assignments.count();
      $('assign-file').focus();
    } else {
      show('desk');
      desk.next();
    }
  }

  // ---- transcription desk -------------------------------------------------------------------------

  const desk = {
    task: null,
    started: 0,
    busy: false,

    async next() {
      desk.task = null;
      $('desk-form').hidden = true;
      $('desk-error').textContent = '';
      const photo = $('desk-photo');
      photo.replaceChildren(el('p', { id: 'desk-status' }, 'Loading the next image…'));
      const res = await api('/api/v1/desk/next');
      if (location.hash && !location.hash.startsWith('#desk')) {
        return; // the volunteer moved to another view meanwhile
      }
      if (res.status === 204) {
        photo.replaceChildren(el('p', { id: 'desk-status' }, 'Nothing to transcribe right now. Checking again every few seconds…'));
        timers.push(setTimeout(desk.next, DESK_EMPTY_RETRY_MS));
        return;
      }
      if (!res.ok) {
        const body = await json(res);
        photo.replaceChildren(el('p', { id: 'desk-status', className: 'error' }, body.message || ('error ' + res.status)));
        return;
      }
      desk.show(await res.json());
    },

    show(task) {
      desk.task = task;
      const form = task.form;
      $('desk-task').textContent = 'Task ' + task.task + (task.kind === 'conflict' ? ' · conflict to resolve' : '')
        + (task.resumed ? ' · resumed' : '');
      $('desk-problem').textContent = task.problem ? '· ' + task.problem : '';
      const table = $('f-table');
      table.value = form.table.value || '';
      table.readOnly = !!form.table.fixed;
      table.classList.remove('bad');
      const rows = [];
      for (const box of form.boxes) {
        const name = box.name;
        const cand = form.counts_field === 'cards' && box.candidate ? candidateName(form, box.candidate) : '';
        rows.push(boxRow(form.counts_field + '.' + box.id, name, cand));
      }
      if (form.null) {
        rows.push(boxRow('null', 'Null votes', '', true));
      }
      if (form.blank) {
        rows.push(boxRow('blank', 'Blank votes', '', !form.null));
      }
      $('desk-boxes').replaceChildren(...rows);
      $('desk-form').hidden = false;
      const photo = $('desk-photo');
      photo.replaceChildren();
      for (const image of task.images) {
        const img = el('img', { alt: 'photo ' + image.id + ' of the acta' });
        photo.append(img);
        imageData(image.web).then((data) => {
          if (data) {
            img.src = data;
          } else {
            img.replaceWith(el('p', { className: 'error' }, 'photo ' + image.id + ' cannot be shown'));
          }
        });
      }
      desk.started = Date.now();
      desk.tick();
      (form.table.fixed ? $('desk-boxes').querySelector('input') : table).focus();
    },

    tick() {
      if (!desk.task) {
        return;
      }
      $('desk-timer').textContent = Math.floor((Date.now() - desk.started) / 1000) + ' s';
      timers.push(setTimeout(desk.tick, 1000));
    },

    async submit() {
      if (!desk.task || desk.busy) {
        return;
      }
      const task = desk.task;
      const entry = {};
      const inputs = [$('f-table'), ...$('desk-boxes').querySelectorAll('input')];
      inputs.forEach((i) => i.classList.remove('bad'));
      if (!task.form.table.fixed) {
        const t = $('f-table').value.trim();
        if (!t) {
          return desk.fail('The table id is required.', $('f-table'));
        }
        entry.table = t;
      }
      const counts = {};
      for (const input of $('desk-boxes').querySelectorAll('input')) {
        const v = input.value.trim();
        if (!/^[0-9]{1,7}$/.test(v)) {
          return desk.fail('Type the number in every box (0 included): ' + input.dataset.label + '.', input);
        }
        const field = input.dataset.field;
        if (field === 'null' || field === 'blank') {
          entry[field] = Number(v);
        } else {
          counts[field.substring(field.indexOf('.') + 1)] = Number(v);
        }
      }
      entry[task.form.counts_field] = counts;
      await desk.send(task, entry);
    },

    async send(task, entry) {
      desk.busy = true;
      try {
        const res = await postJson(task.links.entries, entry);
        const body = await json(res);
        if (!res.ok) {
          const input = body.field ? document.querySelector('[data-field="' + CSS.escape(body.field) + '"]') : null;
          if (res.status === 409) { // closed or no longer ours: move on
            $('desk-last').textContent = 'Task ' + task.task + ': ' + (body.message || body.error);
            return desk.next();
          }
          return desk.fail(body.message || ('error ' + res.status), input);
        }
        const seconds = Math.round((Date.now() - desk.started) / 1000);
        $('desk-last').textContent = 'Task ' + task.task + ': ' + outcomeText(body) + ' (' + seconds + ' s)';
        await desk.next();
      } finally {
        desk.busy = false;
      }
    },

    unreadable() {
      if (desk.task && !desk.busy) {
        desk.send(desk.task, { unreadable: true });
      }
    },

    async skip() {
      if (!desk.task || desk.busy) {
        return;
      }
      const task = desk.task;
      desk.busy = true;
      try {
        await api(task.links.release, { method: 'POST' });
        $('desk-last').textContent = 'Task ' + task.task + ': skipped (it goes to someone else).';
      } finally {
        desk.busy = false;
      }
      await desk.next();
    },

    fail(message, input) {
      $('desk-error').textContent = message;
      if (input) {
        input.classList.add('bad');
        input.focus();
        input.select();
      }
    },
  };

  function candidateName(form, id) {
    const c = (form.candidates || []).find((x) => x.id === id);
    return c ? c.name : id;
  }

  function boxRow(field, label, candidate, separated) {
    const id = 'f-' + field.replace(/[^A-Za-z0-9_-]/g, '_');
    const input = el('input', { id, inputMode: 'numeric', autocomplete: 'off', spellcheck: false });
    input.dataset.field = field;
    input.dataset.label = label;
    const tr = el('tr', {},
      el('td', {}, el('label', { htmlFor: id }, label), candidate ? el('span', { className: 'cand' }, ' · ' + candidate) : ''),
      el('td', { className: 'num' }, input));
    if (separated) {
      tr.className = 'sep';
    }
    return tr;
  }

  function outcomeText(body) {
    switch (body.outcome) {
      case 'waiting': return 'entered; waiting for a second person';
      case 'another-opinion': return 'entered; the readings differ, one more person will read it';
      case 'agreed': return 'agreed — recorded as evidence ' + body.evidence;
      case 'unreadable': return 'closed as unreadable';
      case 'stuck': return 'stuck: a coordinator will decide';
      default: return body.outcome || body.status;
    }
  }

  // ---- coverage board ----------------------------------------------------------------------------

  const COLUMNS = ['tables', 'with_witness', 'received', 'confirmed', 'conflicted', 'trouble', 'missing'];

  const coverage = {
    node: '',
    etag: null,

    open(node) {
      if (node !== coverage.node) {
        coverage.etag = null;
      }
      coverage.node = node;
      coverage.poll();
    },

    async poll() {
      const node = coverage.node;
      const headers = coverage.etag ? { 'If-None-Match': coverage.etag } : {};
      try {
        const res = await api('/api/v1/coverage' + (node ? '?node=' + encodeURIComponent(node) : ''), { headers });
        if (node !== coverage.node) {
          return;
        }
        if (res.status === 200) {
          coverage.etag = res.headers.get('ETag');
          coverage.render(await res.json());
        } else if (res.status !== 304) {
          const body = await json(res);
          throw new Error(body.message || ('error ' + res.status));
        }
        $('cov-updated').textContent = 'checked ' + new Date().toLocaleTimeString();
      } catch (e) {
        $('cov-updated').textContent = 'not updated: ' + e.message;
      }
      if (!$('coverage').hidden) {
        timers.push(setTimeout(coverage.poll, COVERAGE_EVERY_MS));
      }
    },

    render(doc) {
      $('cov-where').textContent = '· ' + doc.name;
      const crumbs = [el('a', { href: '#coverage' }, 'Nation')];
      for (const p of doc.path || []) {
        crumbs.push(el('a', { href: '#coverage/' + encodeURIComponent(p.code) }, p.name));
      }
      $('cov-crumbs').replaceChildren(...crumbs);
      const rows = doc.rows.map((r) => {
        const name = el('a', { href: '#coverage/' + encodeURIComponent(r.code) }, r.name);
        return countsRow(r.code, name, r.tables);
      });
      $('cov-rows').replaceChildren(...rows);
      $('cov-total').replaceChildren(countsRow('total', 'Total', doc.total));
    },

    async missing() {
      const node = coverage.node;
      const res = await api('/api/v1/coverage/missing.csv' + (node ? '?node=' + encodeURIComponent(node) : ''));
      if (!res.ok) {
        $('cov-updated').textContent = 'missing.csv: error ' + res.status;
        return;
      }
      const url = URL.createObjectURL(await res.blob());
      const a = el('a', { href: url, download: 'missing' + (node ? '-' + node : '') + '.csv' });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    },
  };

  function countsRow(code, name, counts) {
    const tr = el('tr', {}, el('td', {}, name));
    tr.dataset.code = code;
    for (const k of COLUMNS) {
      const td = el('td', {}, counts[k]);
      td.dataset.k = k;
      if ((k === 'conflicted' || k === 'trouble') && counts[k] > 0) {
        td.className = k === 'conflicted' ? 'alarm' : 'warn';
      }
      tr.append(td);
    }
    return tr;
  }

  // ---- coordinators ------------------------------------------------------------------------------

  const volunteers = {
    async load() {
      const res = await api('/api/v1/desk/volunteers');
      const body = await json(res);
      if (!res.ok) {
        $('vol-result').textContent = body.message || ('error ' + res.status);
        return;
      }
      $('vol-rule').textContent = body.rule && body.rule.statement ? body.rule.statement : '';
      $('vol-rows').replaceChildren(...body.items.map((v) => {
        const button = el('button', { type: 'button' }, 'Re-queue their work');
        button.addEventListener('click', () => volunteers.requeue(v));
        const cell = (k, text) => {
          const td = el('td', {}, text);
          td.dataset.k = k;
          return td;
        };
        const tr = el('tr', {}, cell('volunteer', v.volunteer), cell('entries', v.entries), cell('pending', v.pending),
          cell('leased', v.leased), cell('decided', v.decided), cell('disagreed', v.disagreed),
          cell('rate', v.disagreement_rate == null ? '—' : Math.round(v.disagreement_rate * 100) + ' %'),
          cell('last', v.last_entry_at ? new Date(v.last_entry_at).toLocaleTimeString() : '—'), el('td', {}, button));
        tr.dataset.volunteer = v.volunteer;
        if (v.flagged) {
          tr.className = 'flagged';
        }
        return tr;
      }));
    },

    async requeue(v) {
      const res = await api(v.links.requeue, { method: 'POST' });
      const body = await json(res);
      $('vol-result').textContent = res.ok
        ? v.volunteer + ': ' + body.leases_ended + ' lease(s) ended, ' + body.entries_voided + ' entr' + (body.entries_voided === 1 ? 'y' : 'ies') + ' voided'
        : (body.message || ('error ' + res.status));
      await volunteers.load();
    },
  };

  const assignments = {
    async upload() {
      const file = $('assign-file').files[0];
      $('assign-errors').replaceChildren();
      if (!file) {
        $('assign-result').textContent = 'Choose a CSV file first.';
        return;
      }
      const res = await api('/api/v1/assignments', { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: await file.text() });
      const body = await json(res);
      if (res.ok) {
        $('assign-result').textContent = body.imported + ' new assignment(s); ' + body.assignments + ' in all.';
      } else {
        $('assign-result').textContent = body.message || ('error ' + res.status);
        $('assign-errors').replaceChildren(...(body.details || []).map((d) =>
          el('li', {}, 'line ' + d.line + (d.field ? ' (' + d.field + ')' : '') + ': ' + d.message)));
      }
      await assignments.count();
    },

    async count() {
      const res = await api('/api/v1/assignments');
      if (res.ok) {
        const body = await res.json();
        $('assign-count').textContent = body.count + ' assignment(s) in force.';
      }
    },
  };

  // ---- wiring ------------------------------------------------------------------------------------

  document.addEventListener('DOMContentLoaded', async () => {
    $('signin-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      if (await signIn($('token').value)) {
        route();
      }
    });
    $('sign-out').addEventListener('click', () => signOut(''));
    $('desk-form').addEventListener('submit', (e) => {
      e.preventDefault();
      desk.submit();
    });
    $('desk-unreadable').addEventListener('click', desk.unreadable);
    $('desk-skip').addEventListener('click', desk.skip);
    $('cov-missing').addEventListener('click', coverage.missing);
    $('assign-form').addEventListener('submit', (e) => {
      e.preventDefault();
      assignments.upload();
    });
    // Keyboard-only desk: Enter submits (the form), Alt+U unreadable, Alt+S skip.
    document.addEventListener('keydown', (e) => {
      if ($('desk').hidden || !e.altKey) {
        return;
      }
      if (e.code === 'KeyU') {
        e.preventDefault();
        desk.unreadable();
      } else if (e.code === 'KeyS') {
        e.preventDefault();
        desk.skip();
      }
    });
    window.addEventListener('hashchange', route);
    if (token() && await signIn(token())) {
      route();
    } else {
      signOut('');
    }
  });
})();
