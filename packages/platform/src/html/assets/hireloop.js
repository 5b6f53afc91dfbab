// Hireloop progressive enhancement. Loaded with `defer` from /assets/hireloop.js; no inline script anywhere,
// so `script-src 'self'` holds. Everything is event delegation on document, so markup swapped in by htmx
// works without re-binding. Hooks (all set by the components in ../*.ts):
//   [data-requires-js]          hidden until this script runs (select-all, copy buttons)
//   [data-copy-target=ID]       button copies the value of #ID; [data-copy-status=ID] announces it
//   [data-select-all=ID]        checkbox toggles every checkbox inside #ID, and reflects their state
//   [data-confirm=MESSAGE]      on a form (submit) or a button/link (click): ask first, cancel on "no"
'use strict';

(function () {
  function reveal(root) {
    var scope = root && root.querySelectorAll ? root : document;
    var hidden = scope.querySelectorAll('[data-requires-js][hidden]');
    for (var i = 0; i < hidden.length; i++) hidden[i].hidden = false;
    var groups = scope.querySelectorAll('[data-select-all]');
    for (var j = 0; j < groups.length; j++) syncSelectAll(groups[j]);
  }

  // ---- select all ----
  function members(selectAll) {
    var group = document.getElementById(selectAll.getAttribute('data-select-all'));
    if (!group) return [];
    return Array.prototype.filter.call(group.querySelectorAll('input[type="checkbox"]'), function (box) {
      return box !== selectAll && !box.disabled;
    });
  }

  function syncSelectAll(selectAll) {
    var boxes = members(selectAll);
    var checked = boxes.filter(function (box) {
      return box.checked;
    }).length;
    selectAll.checked = boxes.length > 0 && checked === boxes.length;
    selectAll.indeterminate = checked > 0 && checked < boxes.length;
  }

  document.addEventListener('change', function (event) {
    var target = event.target;
    if (!(target instanceof HTMLInputElement) || target.type !== 'checkbox') return;
    if (target.hasAttribute('data-select-all')) {
      members(target).forEach(function (box) {
        box.checked = target.checked;
      });
      return;
    }
    var toggles = document.querySelectorAll('[data-select-all]');
    for (var i = 0; i < toggles.length; i++) {
      var group = document.getElementById(toggles[i].getAttribute('data-select-all'));
      if (group && group.contains(target)) syncSelectAll(toggles[i]);
    }
  });

  // ---- copy to clipboard ----
  function copyText(input) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(input.value);
    // Plain-HTTP self-hosted installs have no Clipboard API; fall back to the selection.
    input.focus();
    input.select();
    return document.execCommand('copy') ? Promise.resolve() : Promise.reject(new Error('copy failed'));
  }

  function announce(id, text) {
    var status = document.querySelector('[data-copy-status="' + CSS.escape(id) + '"]');
    if (status) status.textContent = text;
  }

  document.addEventListener('click', function (event) {
    var button = event.target instanceof Element ? event.target.closest('[data-copy-target]') : null;
    if (!button) return;
    var id = button.getAttribute('data-copy-target');
    var input = document.getElementById(id);
    if (!input) return;
    var label = button.querySelector('[data-copy-label]') || button;
    copyText(input).then(
      function () {
        label.textContent = 'Copied';
        button.classList.add('is-copied');
        announce(id, 'Copied to clipboard');
        setTimeout(function () {
          label.textContent = 'Copy';
          button.classList.remove('is-copied');
          announce(id, '');
        }, 2000);
      },
      function () {
        input.focus();
        input.select();
        announce(id, 'Press Ctrl+C or Cmd+C to copy');
      },
    );
  });

  // ---- confirm prompts ----
  // Capture phase on document runs before htmx's own listeners on the element, so "Cancel" stops both
  // a plain navigation/submit and an htmx request.
  function confirmOrCancel(event, message) {
    if (message && !window.confirm(message)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }

  document.addEventListener(
    'click',
    function (event) {
      var el =
        event.target instanceof Element
          ? event.target.closest('a[data-confirm], button[data-confirm]')
          : null;
      if (el && !el.disabled) confirmOrCancel(event, el.getAttribute('data-confirm'));
    },
    true,
  );

  document.addEventListener(
    'submit',
    function (event) {
      var form = event.target;
      if (form instanceof HTMLFormElement && form.hasAttribute('data-confirm')) {
        confirmOrCancel(event, form.getAttribute('data-confirm'));
      }
    },
    true,
  );

  // ---- boot, and again for content htmx swaps in ----
  if (document.readyState === 'loading')
    document.addEventListener('DOMContentLoaded', function () {
      reveal(document);
    });
  else reveal(document);
  document.addEventListener('htmx:load', function (event) {
    reveal(event.target);
  });
})();
