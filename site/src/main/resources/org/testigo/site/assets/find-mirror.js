// Find my table on a static mirror (no server): looks the national id up in the roll's shards
// (docs/election-package.md §7, "On a mirror") and goes to the table's page. A mirror has no server to
// post to: its form comes with the button disabled and a status saying the search needs JavaScript; this
// script enables the button, or says the roll cannot be read here (no WebCrypto: plain http: on a remote
// host; shards unreadable: a page opened from file:).
//
// The page's form carries:
//   data-roll="roll/"                 where roll.json and the shards are, relative to the page
//   data-table-base="table/"          where table pages are, relative to the page
//   an element [data-roll-status] with data-unknown, data-malformed and data-unavailable texts
// The id never leaves the browser: only a hash prefix names the shard that is fetched.
(function () {
  'use strict';
  var form = document.querySelector('form[data-roll]');
  if (!form) {
    return;
  }
  if (!window.fetch || !window.crypto || !window.crypto.subtle || !window.TextEncoder) {
    say('unavailable');
    return;
  }
  var button = form.querySelector('button[disabled]');
  if (button) {
    button.disabled = false;
  }
  var initial = form.querySelector('[data-roll-status]');
  if (initial) {
    initial.hidden = true;
  }

  // The same rules as org.testigo.roll.NationalId.parse: trim, drop spaces, dots and dashes, capitalise.
  function normalise(typed) {
    if (typeof typed !== 'string' || typed.length > 64) {
      return null;
    }
    var id = typed.replace(/[ .\-\t\u00a0]/g, '').replace(/[a-z]/g, function (c) { return c.toUpperCase(); });
    return /^[A-Z0-9]{1,20}$/.test(id) ? id : null;
  }

  function hex(buffer) {
    var bytes = new Uint8Array(buffer);
    var s = '';
    for (var i = 0; i < 8; i++) {
      s += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    }
    return s;
  }

  function say(kind) {
    var status = form.querySelector('[data-roll-status]');
    if (status) {
      status.textContent = status.getAttribute('data-' + kind) || kind;
      status.hidden = false;
    }
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var input = form.querySelector('[name="national_id"]');
    var id = normalise(input ? input.value : '');
    if (id === null) {
      say('malformed');
      return;
    }
    var base = form.getAttribute('data-roll');
    var tables = form.getAttribute('data-table-base') || 'table/';
    fetch(base + 'roll.json').then(function (r) {
      if (!r.ok) { throw new Error('no roll'); }
      return r.json();
    }).then(function (meta) {
      if (meta.format !== 'testigo-roll-shards/1') { throw new Error('unknown roll format'); }
      var text = new TextEncoder().encode(meta.election + '\n' + id);
      return window.crypto.subtle.digest('SHA-256', text).then(function (digest) {
        var key = hex(digest);
        var p = meta.prefix_hex;
        return fetch(base + key.substring(0, p) + '.txt').then(function (r) {
          if (!r.ok) { throw new Error('no shard'); }
          return r.text();
        }).then(function (shard) {
          var wanted = key.substring(p) + ' ';
          var lines = shard.split('\n');
          for (var i = 0; i < lines.length; i++) {
            if (lines[i].indexOf(wanted) === 0) {
              window.location.href = tables + encodeURIComponent(lines[i].substring(wanted.length)) + '.html';
              return;
            }
          }
          say('unknown');
        });
      });
    }).catch(function () {
      say('unavailable');
    });
  });
})();
