import { countIn, message, say, type Lang } from '../core/say.js';
import type { NoticeField } from '../core/catalog/en-notify.js';
import type { RowStatus } from '../core/types.js';
import type { NOTIFY_FORMATS } from '../plan/option-rules.js';
import type { RunNotice } from './notice.js';

export type NotifyFormat = (typeof NOTIFY_FORMATS)[number];

// Incoming webhooks known by their host: Slack's; Microsoft Teams' (Office 365 connectors, and the
// Workflows app's Power Automate URLs that replace them). Any other address gets the notice as JSON.
const SLACK_HOSTS = ['hooks.slack.com', 'hooks.slack-gov.com'];
const TEAMS_HOSTS = ['outlook.office.com', 'outlook.office365.com'];
const TEAMS_HOST_ENDS = ['.webhook.office.com', '.logic.azure.com', '.api.powerplatform.com'];

/** The format an address gets unless one is given: by its host. */
export function formatOf(url: string): NotifyFormat {
  const host = new URL(url).hostname.toLowerCase();
  if (SLACK_HOSTS.includes(host)) return 'slack';
  if (TEAMS_HOSTS.includes(host) || TEAMS_HOST_ENDS.some((end) => host.endsWith(end))) return 'teams';
  return 'json';
}

/** The body posted for a notice, in a format. */
export function bodyOf(notice: RunNotice, format: NotifyFormat): unknown {
  if (format === 'json') return notice;
  const facts = factsOf(notice);
  return format === 'slack' ? slackMessage(notice, facts) : teamsMessage(notice, facts);
}

const STATUSES: readonly RowStatus[] = ['updated', 'unchanged', 'failed', 'invalid', 'skipped', 'not_sent', 'would_send'];

interface Fact {
  readonly title: string;
  readonly value: string;
}

// The notice's facts, labelled in its language: the rows by what became of them, the calls, the exit code, where.
function factsOf(notice: RunNotice): Fact[] {
  const lang = notice.lang;
  const label = (field: NoticeField) => say(message('notify.field', { field }), lang);
  const facts: Fact[] = [];
  if (notice.file !== undefined) facts.push({ title: label('file'), value: notice.file });
  if (notice.rows !== undefined) facts.push({ title: label('rows'), value: countIn(lang, notice.rows) });
  for (const status of STATUSES) {
    const count = notice.counts?.[status] ?? 0;
    if (count > 0) facts.push({ title: say(message('summary.status', { status }), lang), value: countIn(lang, count) });
  }
  if (notice.calls !== undefined) facts.push({ title: label('calls'), value: countIn(lang, notice.calls) });
  facts.push({ title: label('exit-code'), value: String(notice.exitCode) });
  if (notice.runDir !== undefined) facts.push({ title: label('run-folder'), value: notice.runDir });
  return facts;
}

// The errors and next steps as lines, in the notice's language.
function linesOf(notice: RunNotice): { errors: string[]; next: string[] } {
  const errors = notice.errors.map((error) => say(message('summary.error', { count: countIn(notice.lang, error.count), message: error.message, row: error.exampleRow }), notice.lang));
  return { errors, next: [...notice.next] };
}

const heading = (code: 'summary.top-errors' | 'summary.next', lang: Lang) => say(message(code), lang);

// Slack's mrkdwn takes &, < and > as markup: a CRM's message or a file name must not become a link.
const slackText = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

// Slack: `text` for the notification and clients without blocks; blocks for the message.
function slackMessage(notice: RunNotice, facts: readonly Fact[]) {
  const { errors, next } = linesOf(notice);
  const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
  const blocks: unknown[] = [section(`*${slackText(notice.headline)}*${notice.stop ? `\n${slackText(notice.stop.message)}` : ''}`)];
  // Slack takes at most 10 fields in a section.
  for (let start = 0; start < facts.length; start += 10) {
    blocks.push({ type: 'section', fields: facts.slice(start, start + 10).map((fact) => ({ type: 'mrkdwn', text: `*${slackText(fact.title)}*\n${slackText(fact.value)}` })) });
  }
  if (errors.length > 0) blocks.push(section(`*${slackText(heading('summary.top-errors', notice.lang))}*\n${errors.map((line) => `• ${slackText(line)}`).join('\n')}`));
  if (next.length > 0) blocks.push(section(`*${slackText(heading('summary.next', notice.lang))}*\n${next.map((line) => `\`${slackText(line)}\``).join('\n')}`));
  return { text: notice.headline, blocks };
}

// Teams (an incoming webhook or a Workflows URL): a message with one Adaptive Card.
function teamsMessage(notice: RunNotice, facts: readonly Fact[]) {
  const { errors, next } = linesOf(notice);
  const text = (value: string, extra: Record<string, unknown> = {}) => ({ type: 'TextBlock', text: value, wrap: true, ...extra });
  const body: unknown[] = [text(notice.headline, { weight: 'Bolder', size: 'Medium', style: 'heading' })];
  if (notice.stop) body.push(text(notice.stop.message));
  body.push({ type: 'FactSet', facts });
  if (errors.length > 0) body.push(text(heading('summary.top-errors', notice.lang), { weight: 'Bolder' }), ...errors.map((line) => text(`- ${line}`)));
  if (next.length > 0) body.push(text(heading('summary.next', notice.lang), { weight: 'Bolder' }), ...next.map((line) => text(line, { fontType: 'Monospace' })));
  return {
    type: 'message',
    summary: notice.headline,
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4', msteams: { width: 'Full' }, body },
      },
    ],
  };
}
