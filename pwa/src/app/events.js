// The seam between the screens and the messaging engine: screens listen for changes and ask for a
// send attempt here, so that no first-screen module pulls in the HPKE library (size and first load).
const listeners = new Set();
let kicker = null;

/** Called with no argument whenever messages, check-ins or their states change. */
export function onChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function changed() {
  for (const l of listeners) {
    try { l(); } catch { /* a screen that is gone */ }
  }
}

/** Asks the messaging engine (when it runs) for a send attempt now. */
export function kick() {
  kicker?.();
}

export function setKicker(fn) {
  kicker = fn;
}

let reader = null;

/** Asks the messaging engine (when it runs) to tell the sender that these messages were read. */
export function read(messages) {
  reader?.(messages);
}

export function setReader(fn) {
  reader = fn;
}
