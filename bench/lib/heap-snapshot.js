import fs from 'node:fs';

/**
 * What fills a V8 heap snapshot: self size summed per kind of thing (objects by constructor name,
 * strings, arrays, closures by type), biggest first. Retained sizes would need the dominator tree; the
 * self sizes by constructor are enough to see which structure grows with the rows.
 */
export function summarizeHeapSnapshot(file, top = 10) {
  const snapshot = JSON.parse(fs.readFileSync(file, 'utf8'));
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const width = fields.length;
  const at = { type: fields.indexOf('type'), name: fields.indexOf('name'), self: fields.indexOf('self_size') };
  const groups = new Map();
  let total = 0;
  const { nodes, strings } = snapshot;
  for (let index = 0; index < nodes.length; index += width) {
    const type = types[nodes[index + at.type]];
    const self = nodes[index + at.self];
    total += self;
    const key = type === 'object' || type === 'closure' ? `${strings[nodes[index + at.name]]} (${type})` : `(${type})`;
    const group = groups.get(key) ?? { count: 0, bytes: 0 };
    group.count += 1;
    group.bytes += self;
    groups.set(key, group);
  }
  const biggest = [...groups].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, top).map(([name, group]) => ({ name, ...group }));
  return { totalBytes: total, biggest };
}
