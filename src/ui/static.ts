import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMMON_HEADERS } from './http.js';

/** The page's files ship in the package (`web/`); the two small UI libraries come from node_modules. */
const WEB = fileURLToPath(new URL('../../web/', import.meta.url));
const VENDOR: Readonly<Record<string, string>> = {
  '/vendor/preact.mjs': 'preact',
  '/vendor/preact-hooks.mjs': 'preact/hooks',
  '/vendor/htm.mjs': 'htm',
};

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

interface Asset {
  readonly body: Buffer;
  readonly type: string;
}

/**
 * Every file the page may load, read once at start: the set is fixed, so no request path ever reaches
 * the file system. The Content-Security-Policy allows scripts from this server only, plus the page's
 * one inline script (the import map), by its hash; nothing from a CDN, so the page works offline.
 */
export function loadAssets(): { find(urlPath: string): Asset | undefined; csp: string } {
  const assets = new Map<string, Asset>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (TYPES[path.extname(entry.name)]) {
        const urlPath = `/assets/${path.relative(WEB, full).split(path.sep).join('/')}`;
        assets.set(urlPath, { body: fs.readFileSync(full), type: TYPES[path.extname(entry.name)] as string });
      }
    }
  };
  walk(WEB);
  for (const [urlPath, specifier] of Object.entries(VENDOR)) {
    assets.set(urlPath, { body: fs.readFileSync(fileURLToPath(import.meta.resolve(specifier))), type: TYPES['.mjs'] as string });
  }
  const index = assets.get('/assets/index.html');
  if (!index) throw new Error(`The page's files are missing: ${WEB}index.html`);
  assets.set('/', index);
  const importMap = /<script type="importmap">([\s\S]*?)<\/script>/.exec(index.body.toString('utf8'))?.[1] ?? '';
  const hash = createHash('sha256').update(importMap).digest('base64');
  const csp = [
    "default-src 'none'",
    `script-src 'self' 'sha256-${hash}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
  return { find: (urlPath) => assets.get(urlPath), csp };
}

export function sendAsset(response: ServerResponse, asset: Asset, csp: string, extra: Readonly<Record<string, string>> = {}): void {
  response.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': asset.type, 'Content-Length': asset.body.length, 'Content-Security-Policy': csp, ...extra });
  response.end(asset.body);
}
