import { useEffect, useState } from 'preact/hooks';
import { api, runPath } from '../api.js';
import { number, rowLabel } from '../format.js';
import { html } from '../html.js';
import { ErrorBox, useAction } from '../widgets.js';

/** What a `match` run's keys came to (summary.match): keys found, rows whose key is on no record or on several. */
export function MatchCounts({ match, t, lang }) {
  return html`
    <p class="match-by">${t('summary.matchBy', { field: match.field, keys: number(lang, match.keys), calls: number(lang, match.calls) })}</p>
    <dl class="counts" aria-label=${t('summary.match')}>
      ${['found', 'notFound', 'ambiguous'].map((name) => html`<div><dt>${t(`match.${name}`)}</dt><dd data-match=${name}>${number(lang, match[name])}</dd></div>`)}
    </dl>`;
}

/**
 * Results of a `match` run: the rows whose key found no record, and those whose key found several, each
 * group with its rows and the library's reason. Nothing was sent for them; failed.csv holds them to fix.
 */
export function UnmatchedGroups({ name, summary, t, lang }) {
  const [rows, setRows] = useState(null);
  const { error, run } = useAction();
  const { notFound, ambiguous } = summary.match;
  useEffect(() => {
    if (notFound + ambiguous > 0) run(async () => setRows(await api(runPath(name, '/unmatched'))));
  }, [name, notFound, ambiguous]);
  if (notFound + ambiguous === 0) return null;
  if (error) return html`<${ErrorBox} error=${error} t=${t} />`;
  if (!rows) return html`<p>${t('app.loading')}</p>`;
  const groups = [['notFound', notFound, rows.notFound], ['ambiguous', ambiguous, rows.ambiguous]].filter(([, count]) => count > 0);
  return html`
    <div class="unmatched">
      <p>${t('unmatched.intro', { field: summary.match.field })}</p>
      ${groups.map(([group, count, listed]) => html`
        <section aria-labelledby=${`unmatched-${group}`}>
          <h4 id=${`unmatched-${group}`}>${t(`unmatched.${group}`, { n: number(lang, count) })}</h4>
          <table class="problems-table" data-group=${group}>
            <thead><tr><th scope="col">${t('check.where')}</th><th scope="col">${t('unmatched.reason')}</th></tr></thead>
            <tbody>${listed.map((row) => html`<tr><td>${rowLabel(t, { kind: rows.kind }, row.rowNumber)}</td><td lang="en">${row.message}</td></tr>`)}</tbody>
          </table>
          ${listed.length < count && html`<p class="hint">${t('unmatched.more', { shown: number(lang, listed.length), n: number(lang, count) })}</p>`}
        </section>`)}
    </div>`;
}
