import { useEffect, useState } from 'preact/hooks';
import { api, runPath } from '../api.js';
import { number, rowLabel } from '../format.js';
import { html } from '../html.js';
import { ErrorBox, Said, useAction } from '../widgets.js';

/** What a `match` run's keys came to (summary.match): keys found, rows whose key is on no record or on several. */
export function MatchCounts({ match, t, lang }) {
  return html`
    <p class="match-by">${t('summary.matchBy', { field: match.field, keys: number(lang, match.keys), calls: number(lang, match.calls) })}</p>
    <dl class="counts" aria-label=${t('summary.match')}>
      ${['found', 'notFound', 'ambiguous'].map((name) => html`<div><dt>${t(`match.${name}`)}</dt><dd data-match=${name}>${number(lang, match[name])}</dd></div>`)}
    </dl>`;
}

/** What the rows failed on: a `match` key, a search field's name, or either (both in the mapping). */
const failedOn = (summary) => (summary.match ? (summary.lookups ? 'both' : 'key') : 'name');

// The summary's counts say whether there are such rows; a row failing on two names counts in both reads.
const anyUnmatched = (summary) => [summary.match, ...(summary.lookups ?? [])].some((counts) => counts && counts.notFound + counts.ambiguous > 0);

/**
 * Results of a `match` run, or one with search fields' `lookup`: the rows whose key (or name) found no
 * record, and those whose key found several, each group with its rows and the library's reason. Nothing
 * was sent for them; failed.csv holds them to fix.
 */
export function UnmatchedGroups({ name, summary, t, lang }) {
  const [rows, setRows] = useState(null);
  const { error, run } = useAction();
  const any = anyUnmatched(summary);
  useEffect(() => {
    if (any) run(async () => setRows(await api(runPath(name, '/unmatched'))));
  }, [name, any]);
  if (!any) return null;
  if (error) return html`<${ErrorBox} error=${error} t=${t} />`;
  if (!rows) return html`<p>${t('app.loading')}</p>`;
  const on = failedOn(summary);
  const key = (text) => (on === 'key' ? `unmatched.${text}` : `unmatched.${text}.${on}`);
  const groups = [['notFound', rows.counts.notFound, rows.notFound], ['ambiguous', rows.counts.ambiguous, rows.ambiguous]].filter(([, count]) => count > 0);
  return html`
    <div class="unmatched">
      <p>${t(key('intro'), { field: summary.match?.field ?? '' })}</p>
      ${groups.map(([group, count, listed]) => html`
        <section aria-labelledby=${`unmatched-${group}`}>
          <h4 id=${`unmatched-${group}`}>${t(key(group), { n: number(lang, count) })}</h4>
          <table class="problems-table" data-group=${group}>
            <thead><tr><th scope="col">${t('check.where')}</th><th scope="col">${t('unmatched.reason')}</th></tr></thead>
            <tbody>${listed.map((row) => html`<tr><td>${rowLabel(t, { kind: rows.kind }, row.rowNumber)}</td><td><${Said} words=${row.words} text=${row.message} t=${t} /></td></tr>`)}</tbody>
          </table>
          ${listed.length < count && html`<p class="hint">${t('unmatched.more', { shown: number(lang, listed.length), n: number(lang, count) })}</p>`}
        </section>`)}
    </div>`;
}
