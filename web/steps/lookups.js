import { number } from '../format.js';
import { html } from '../html.js';

// Search fields whose linked record is found by name (the mapping's `lookup`): each read (a module and a
// field, shared by the fields that read the same) said as a `match` mapping's keys are, at the check, in
// the question and in the summary.

const fieldsOf = (lookup) => lookup.labels.join(', ');

/** The check (validate's `lookups`): each read's distinct names, found once the person confirms the send. */
export function LookupCosts({ lookups, t, lang }) {
  return html`
    <div class="lookup-cost" role="note">
      ${lookups.map((lookup) => html`
        <p data-lookup=${fieldsOf(lookup)}>${t('check.lookup', { fields: fieldsOf(lookup), module: lookup.module, field: lookup.field, compare: t(`compare.${lookup.compare}`), names: number(lang, lookup.names) })}</p>`)}
      <p>${t('check.lookupCost')}</p>
    </div>`;
}

/** The question (the plan's `lookups`): the names each read looks for before the first update, and at what cost. */
export function LookupPlan({ lookups, t, lang }) {
  return lookups.map((lookup) => html`
    <p class="lookup-cost" data-lookup=${fieldsOf(lookup)}>${t('confirm.lookup', { fields: fieldsOf(lookup), module: lookup.module, field: lookup.field, names: number(lang, lookup.keys), calls: number(lang, lookup.queryCalls) })}${lookup.known > 0 ? ` ${t('confirm.lookupKnown', { n: number(lang, lookup.known) })}` : ''}</p>`);
}

/** The summary (summary.lookups): for each read, the names found and the rows whose name is on no record or on several. */
export function LookupCounts({ lookups, t, lang }) {
  return lookups.map((lookup) => html`
    <div class="lookup" data-lookup=${fieldsOf(lookup)}>
      <p class="match-by">${t('summary.lookupBy', { fields: fieldsOf(lookup), module: lookup.module, field: lookup.field, names: number(lang, lookup.keys), calls: number(lang, lookup.calls) })}</p>
      <dl class="counts" aria-label=${t('summary.lookup', { fields: fieldsOf(lookup) })}>
        ${['found', 'notFound', 'ambiguous'].map((name) => html`<div><dt>${t(`lookup.${name}`)}</dt><dd data-lookup-count=${name}>${number(lang, lookup[name])}</dd></div>`)}
      </dl>
    </div>`);
}
