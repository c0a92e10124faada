// Server-sent events read with fetch (EventSource cannot send the Authorization header, and the token must
// never be put in a URL). The server ends each stream after the access token's lifetime; this reconnects
// at once with a fresh token, and after a pause when the connection failed.
import { h } from '../app/view.js';
import { t } from './i18n.js';
import { api } from './session.js';

/**
 * Follows `path` until `signal` aborts: onEvent(name, data) for every event, onState('live'|'reconnecting').
 */
export async function follow(path, { signal, onEvent, onState }) {
  let failures = 0;
  while (!signal.aborted) {
    try {
      const response = await api('GET', path, undefined, { raw: true, signal, accept: 'text/event-stream' });
      onState?.('live');
      failures = 0;
      await read(response.body, signal, onEvent);
    } catch (e) {
      if (signal.aborted || e?.status === 401 || e?.status === 403) return;
      failures += 1;
    }
    if (signal.aborted) return;
    onState?.('reconnecting');
    if (failures > 0) await pause(Math.min(15000, 1000 * 2 ** (failures - 1)), signal);
  }
}

async function read(body, signal, onEvent) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const stop = () => reader.cancel().catch(() => {});
  signal.addEventListener('abort', stop, { once: true });
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
        let name = 'message';
        const data = [];
        for (const line of block.split(/\r?\n/)) {
          if (line.startsWith('event:')) name = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
        }
        onEvent(name, data.join('\n'));
      }
    }
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

function pause(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}

/** The worklist's live line ("connecting", then "live" or "reconnecting"), for a screen to place. */
export function liveStatus() {
  return h('p', { class: 'live-status', id: 'live-status', role: 'status', 'data-state': 'connecting', text: t('today.connecting') });
}

/** Follows the staff worklist's event stream: `reload()` on every change, the state written into `status`. */
export function followWorklist(status, signal, reload) {
  follow('/api/notifications/stream', {
    signal,
    onEvent: (name) => { if (name === 'changed') reload(); },
    onState: (state) => {
      status.dataset.state = state;
      status.textContent = state === 'live' ? t('today.live') : t('today.reconnecting');
    },
  });
}
