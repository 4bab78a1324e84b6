'use strict';

// Runs Azurite in this process so that every way it is asked to stop is its own graceful shutdown, which saves its
// metadata databases before the process exits. AzuriteLauncher starts it as
//
//   node run-azurite.js <path to azurite/dist/src/azurite.js> [azurite options]
//
// with standard input a pipe from the launcher's process:
//
// - Standard input closing (the launcher stopping it, or the launcher's process gone however it ended, kill -9
//   included) stops Azurite at once.
// - SIGINT and SIGTERM stop it as soon as standard input closes, and at the latest after SIGNAL_GRACE_MS. A Ctrl+C
//   in a terminal reaches the whole process group, and the service that started Azurite still writes its state
//   while it shuts down; it closes standard input when it is done.
// - Writes to standard output and error that fail because the reader is gone are ignored. Without this, Azurite's
//   "service is closing" line on a broken pipe is an unhandled EPIPE error that ends the process before the
//   databases are saved: a write Azurite had confirmed since its last autosave was lost.

const SIGNAL_GRACE_MS = 30000;
const LAST_RESORT_EXIT_MS = 60000;
const SIGNALS = ['SIGINT', 'SIGTERM'];

const entryScript = process.argv.splice(2, 1)[0];
if (!entryScript) {
  console.error('usage: node run-azurite.js <azurite entry script> [azurite options]');
  process.exit(2);
}

for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', () => {});
}

let azuriteShutdown = null;
let stopRequested = false;
let stopped = false;

// Azurite registers its shutdown for SIGINT and SIGTERM once all three services listen. Both are taken out of the
// signal listeners here (after the registering statement, before any signal can be dispatched) and the SIGTERM one
// is kept, to be run once, by stop().
process.on('newListener', (event, listener) => {
  if (!SIGNALS.includes(event) || listener === onSignal) {
    return;
  }

  queueMicrotask(() => {
    process.removeListener(event, listener);
    if (event === 'SIGTERM') {
      azuriteShutdown ??= listener;
    }

    if (stopRequested) {
      stop();
    }
  });
});

function stop() {
  stopRequested = true;
  process.stdin.destroy();
  if (stopped) {
    return;
  }

  if (azuriteShutdown === null) {
    // Still starting: the services have not all opened their ports. The newListener hook stops it when they have;
    // if starting fails, Azurite exits by itself.
    armLastResortExit();
    return;
  }

  stopped = true;
  armLastResortExit();
  azuriteShutdown();
}

let lastResort = null;
function armLastResortExit() {
  lastResort ??= setTimeout(() => {
    console.error(`Azurite did not finish closing within ${LAST_RESORT_EXIT_MS / 1000} s: exiting`);
    process.exit(1);
  }, LAST_RESORT_EXIT_MS).unref();
}

let signalGrace = null;
function onSignal() {
  signalGrace ??= setTimeout(stop, SIGNAL_GRACE_MS).unref();
}

for (const signal of SIGNALS) {
  process.on(signal, onSignal);
}

process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.on('error', stop);
process.stdin.resume();

require(require('node:path').resolve(entryScript));
