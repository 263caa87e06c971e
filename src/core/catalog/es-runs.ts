import type { RowStatus } from '../types.js';
import { countIn, countedIn } from '../text.js';
import { countsOf, endsAtIn, type enRuns, type HistoryState } from './en-runs.js';

// Spanish for the run history, the quota reserve, the forecast and the token check.

type RunsWords = typeof enRuns;

const n = (value: number) => countIn('es', value);
const plural = (value: number, one: string, many?: string) => countedIn('es', value, one, many);

const STATES: Readonly<Record<HistoryState, string>> = {
  running: 'en curso',
  interrupted: 'interrumpida',
  finished: 'terminada',
  stopped: 'detenida',
  undone: 'deshecha',
  preview: 'vista previa',
  'dry-run': 'simulacro',
  damaged: 'dañada (run.json ilegible)',
};

const COUNT_WORDS: Readonly<Record<RowStatus, string>> = {
  updated: 'actualizadas',
  failed: 'fallidas',
  not_sent: 'no enviadas',
  unchanged: 'sin cambios',
  invalid: 'no válidas',
  skipped: 'omitidas',
  would_send: 'se enviarían',
};

export const esRuns: { readonly [C in keyof RunsWords]: (params: Parameters<RunsWords[C]>[0]) => string } = {
  'runs.no-folder': (p) =>
    `No hay carpeta de ejecuciones en ${p.runsFolder}: indique la carpeta que contiene las carpetas de las ejecuciones (update las pone en wolkvox-runs, en la carpeta desde donde se ejecutó, salvo que --out diga otra).`,
  'runs.none': (p) => `No hay ejecuciones en ${p.runsFolder}${p.since === undefined ? '' : ` desde ${p.since}`}.`,
  'runs.header': (p) => `${plural(p.runs, 'ejecución', 'ejecuciones')} en ${p.runsFolder}, la más reciente primero:`,
  'runs.line': (p) => {
    const state = `${STATES[p.state]}${p.resumable ? ', reanudable' : ''}`;
    const counts = countsOf(p.counts, COUNT_WORDS, n);
    return [p.when, p.file ?? '?', state, counts || '-', p.calls === undefined ? '-' : plural(p.calls, 'solicitud', 'solicitudes'), p.exitCode === undefined ? '-' : `salida ${p.exitCode}`, p.folder].join('  ');
  },
  'runs.since-invalid': (p) => `--since ${p.given}: se esperaba un tiempo hacia atrás desde ahora (como 7d, 12h, 30m, 2w) o una fecha (2026-12-01).`,
  'runs.index-failed': (p) => `aviso: no se pudo escribir el historial de ejecuciones ${p.file} (${p.detail}); las ejecuciones se listan desde sus carpetas.`,

  'plan.reserve': (p) =>
    `--reserve ${n(p.reserve)}: ${plural(p.reserve, 'unidad', 'unidades')} de cuota de las ${n(p.limit)} del día quedan para las otras integraciones de este token; ` +
    (p.room > 0
      ? `este trabajo puede usar ${n(p.room)} hoy y se detiene (reanudable, salida 3) cuando se hayan usado ${n(p.limit - p.reserve)}`
      : `ya se usaron ${n(p.used)}, así que este trabajo no envía nada hoy y se detiene (reanudable, salida 3)`),
  'plan.reserve-unknown': (p) =>
    `aviso: --reserve ${n(p.reserve)}: el CRM no dio la cuota del token, así que el trabajo no puede ver dónde empieza la reserva; solo se detiene si el CRM rechaza una solicitud por la cuota.`,
  'plan.forecast': (p) => {
    const { day, time } = endsAtIn('es', p);
    return (
      `más que la cuota de hoy: unos ${plural(p.days, 'día')} a ${plural(p.perDay, 'solicitud', 'solicitudes')} por día${p.reserve > 0 ? ` (${n(p.reserve)} reservadas)` : ''}: termina el ${day} hacia las ${time}` +
      (p.waits ? ' (--wait-for-quota sigue tras cada renovación)' : ', reanudándolo tras cada renovación (o con --wait-for-quota)')
    );
  },
  'plan.token-operation': (p) =>
    `aviso: el token se creó para la operación "${p.tokenOperation}", y la operación de este trabajo es "${p.operation}": el CRM puede rechazar todas las solicitudes. Revise --operation (o la "operation" del mapeo) y el token.`,
  'plan.token-age': (p) => `el token se creó ${p.days < 1 ? 'hoy' : `hace ${plural(p.days, 'día')}`}`,
  'stop.quota-reserve': (p) =>
    `Se alcanzó la cuota diaria, salvo las ${plural(p.reserve, 'unidad', 'unidades')} reservadas para otras integraciones (--reserve ${n(p.reserve)}). Reanude después de la renovación (o use --wait-for-quota).`,
};
