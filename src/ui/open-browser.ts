import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { message, type Message } from '../index.js';

const OPENERS: Readonly<Partial<Record<NodeJS.Platform, readonly string[]>>> = {
  darwin: ['open'],
  win32: ['cmd', '/c', 'start', '""'],
};

/**
 * Opens the page in the default browser through a small redirect file, as Jupyter does: a browser
 * started with the address on its command line would show the key to every user of the machine
 * (`ps`), while the file sits in the tool's private folder, readable by the user only. Returns a
 * function that removes the file. Failing to open is not an error: the address is printed anyway (`onError`
 * is told why, as a message for the server's language).
 */
export function openInBrowser(url: string, privateDir: string, onError: (said: Message) => void): () => void {
  fs.mkdirSync(privateDir, { recursive: true, mode: 0o700 });
  // An absolute path: a browser already running elsewhere would resolve a relative one from its own folder.
  const file = path.resolve(privateDir, `open-${new URL(url).port}.html`);
  const escaped = url.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
  fs.writeFileSync(
    file,
    `<!doctype html>\n<meta charset="utf-8">\n<meta http-equiv="refresh" content="0;url=${escaped}">\n<title>wolkvox-bulk</title>\n<p><a href="${escaped}">Open wolkvox-bulk</a></p>\n`,
    { mode: 0o600 },
  );
  const [command = 'xdg-open', ...args] = OPENERS[process.platform] ?? ['xdg-open'];
  const child = spawn(command, [...args, file], { stdio: 'ignore', detached: true });
  child.on('error', (error) => onError(message('note.browser-not-opened', { error: error.message })));
  child.unref();
  return () => fs.rmSync(file, { force: true });
}
