import fs from 'node:fs';
import path from 'node:path';

const place = (frame) => {
  const url = frame.url.replace(/^file:\/\//, '');
  const short = url.includes('/node_modules/') ? url.slice(url.lastIndexOf('/node_modules/') + 1) : url.includes('/dist/') ? url.slice(url.lastIndexOf('/dist/') + 1) : url;
  return short ? `${short}:${frame.lineNumber + 1}` : '(native)';
};

// Self time is charged to the nearest frame that belongs to a package or to dist/, so the node:http and
// fs work a library triggers counts as that library's.
function bucketOf(node, byId, parentOf) {
  for (let current = node; current; current = byId.get(parentOf.get(current.id))) {
    const { functionName, url } = current.callFrame;
    if (functionName === '(garbage collector)') return 'garbage collector';
    if (functionName === '(idle)' || functionName === '(program)') return 'idle / program';
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    if (pkg) return `${pkg[1]} (package)`;
    const own = /\/dist\/(.+)\.js$/.exec(url);
    if (own) return `dist/${own[1]}.js (this tool)`;
  }
  // No package above: Node's own work started by an event (an answer arriving, a timer, a promise),
  // charged to the nearest Node module on the stack.
  for (let current = node; current; current = byId.get(parentOf.get(current.id))) {
    if (current.callFrame.url.startsWith('node:')) return `${current.callFrame.url} (Node, from an event)`;
  }
  return `${node.callFrame.functionName || '(native)'} (V8)`;
}

/** The biggest consumers in a V8 .cpuprofile: functions by self time, and self time grouped by package. */
export function summarizeProfile(file, top = 12) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const selfById = new Map();
  profile.samples.forEach((id, index) => selfById.set(id, (selfById.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const total = [...selfById.values()].reduce((sum, value) => sum + value, 0);
  const functions = new Map();
  const buckets = new Map();
  for (const [id, micros] of selfById) {
    const node = byId.get(id);
    const name = `${node.callFrame.functionName || '(anonymous)'} ${place(node.callFrame)}`;
    functions.set(name, (functions.get(name) ?? 0) + micros);
    const bucket = bucketOf(node, byId, parentOf);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + micros);
  }
  const share = (entries) => [...entries].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, micros]) => ({ name, share: micros / total }));
  return { totalMs: total / 1000, functions: share(functions), buckets: share(buckets) };
}

/** The one profile a `--cpu-prof-dir` holds after a single child ran. */
export function profileIn(dir) {
  const name = fs.readdirSync(dir).find((entry) => entry.endsWith('.cpuprofile'));
  if (!name) throw new Error(`No .cpuprofile in ${dir}`);
  return path.join(dir, name);
}

/** A summarized profile as two markdown tables: self time by package, then the top functions. */
export function profileTables(profile, shareHeader = 'share of samples') {
  const percent = (share) => `${(share * 100).toFixed(1)} %`;
  return [
    `| where | ${shareHeader} |`,
    '|---|---|',
    ...profile.buckets.map((bucket) => `| ${bucket.name} | ${percent(bucket.share)} |`),
    '',
    'Top functions by self time:',
    '',
    '| function (file:line) | self |',
    '|---|---|',
    ...profile.functions.map((fn) => `| \`${fn.name}\` | ${percent(fn.share)} |`),
  ];
}
