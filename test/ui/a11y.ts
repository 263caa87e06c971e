import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { ROOT } from '../helpers.js';

// What the accessibility tests share: axe-core run inside the page, the two screen sizes, the page's own
// words (so a test drives it in either language), colour contrast, and a CRM whose updates can be held.

/** A laptop and a phone, as the issue's audit used. */
export const VIEWPORTS = { desktop: { width: 1366, height: 768 }, phone: { width: 390, height: 844 } } as const;
export type ViewportName = keyof typeof VIEWPORTS;

const AXE = fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

export interface Violation {
  readonly rule: string;
  readonly impact: string | null;
  readonly nodes: readonly string[];
}

/**
 * axe-core's violations of the page as it is now. The script is evaluated by the test (not added as a
 * <script>, which the page's Content-Security-Policy refuses), once per document.
 */
export async function audit(page: Page): Promise<Violation[]> {
  const root = page.locator('html');
  if (!(await root.evaluate((html) => 'axe' in (html.ownerDocument.defaultView ?? {})))) await page.evaluate(AXE);
  return root.evaluate(async (html) => {
    const { axe } = html.ownerDocument.defaultView as unknown as { axe: { run: (context: unknown, options: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[]; failureSummary?: string }[] }[] }> } };
    const { violations } = await axe.run(html.ownerDocument, { resultTypes: ['violations'] });
    return violations.map((violation) => ({ rule: violation.id, impact: violation.impact, nodes: violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`) }));
  });
}

/** What the issue's "done when" refuses: a serious or critical violation. */
export const seriousOnes = (violations: readonly Violation[]) => violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');

/** The page's words in one language (web/lang/*.js), `{n}` filled in as the page's translator does. */
export async function wordsOf(lang: 'es' | 'en'): Promise<(key: string, params?: Record<string, string | number>) => string> {
  const module = (await import(pathToFileURL(path.join(ROOT, 'web', 'lang', `${lang}.js`)).href)) as { default: Record<string, string> };
  return (key, params = {}) => {
    const text = module.default[key];
    if (text === undefined) throw new Error(`No text ${key} in web/lang/${lang}.js`);
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] === undefined ? whole : String(params[name])));
  };
}

/** An element's computed style property, such as `outlineColor`. */
export const styleOf = (target: Locator, property: 'outlineColor' | 'backgroundColor' | 'color'): Promise<string> =>
  target.evaluate((element, name) => (element.ownerDocument.defaultView as unknown as { getComputedStyle: (of: unknown) => Record<string, string> }).getComputedStyle(element)[name] ?? '', property);

/** WCAG's contrast ratio of two CSS colours written `rgb(r, g, b)` (as getComputedStyle gives them). */
export function contrast(one: string, two: string): number {
  const luminance = (color: string) => {
    const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((part) => {
      const channel = Number(part) / 255;
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
  };
  const [light, dark] = [luminance(one), luminance(two)].sort((a, b) => b - a);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

/** A description of the element with keyboard focus: its tag, id, role and first words, or `body`. */
export const focused = (page: Page): Promise<string> =>
  page.locator('html').evaluate((html) => {
    const element = html.ownerDocument.activeElement;
    if (!element || element === html.ownerDocument.body) return 'body';
    const role = element.getAttribute('role');
    return `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${role ? `[role=${role}]` : ''} ${(element.textContent ?? '').trim().slice(0, 60)}`;
  });

export interface HeldCrm {
  readonly url: string;
  /** Update requests answered so far. */
  readonly passed: number;
  /** Lets every held update request through, and the ones to come. */
  release(): void;
  close(): Promise<void>;
}

/**
 * A proxy in front of the simulated CRM that answers the first `pass` update requests and holds the next
 * ones until `release()`: the job stays under way, with rows done, for as long as the test looks at it.
 */
export async function holdingCrm(target: string, pass: number): Promise<HeldCrm> {
  let passed = 0;
  let open: () => void = () => {};
  const released = new Promise<void>((resolve) => (open = resolve));
  const server = http.createServer((request, response) => {
    const isUpdate = /update/i.test(request.url ?? '');
    const forward = () => {
      const upstream = http.request(new URL(request.url ?? '/', target), { method: request.method, headers: request.headers }, (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      });
      upstream.on('error', () => response.destroy());
      request.pipe(upstream);
    };
    if (!isUpdate) return forward();
    passed += 1;
    if (passed <= pass) return forward();
    void released.then(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    get passed() {
      return Math.min(passed, pass);
    },
    release: () => open(),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
