import { countIn, countedIn } from '../text.js';
import type { FatalNext, enStop } from './en-stop.js';

// Spanish for why a job stopped (summary.json's stopMessage is the English): a canary, an interruption, the CRM,
// the breaker, the quota, the call budget.

type Words = typeof enStop;

const FATAL_FIX: Readonly<Record<FatalNext, string>> = {
  auth: 'El token fue rechazado: revise WOLKVOX_TOKEN o --token-file, y que el token esté activo en el CRM (Configuración > Wolkvox Integration > Tokens).',
  endpoint: 'Esta no es la API de wolkvox: revise --server (el servidor de su CRM, como en la barra de direcciones del navegador, por ejemplo crm0001.wolkvox.com).',
  redirect: 'El servidor respondió con una redirección, así que la dirección no es la de la API: revise --server.',
  configuration: 'Revise los nombres de la operación y del módulo (en el mapeo, o --operation y --module).',
  network: 'Revise --server y su red.',
  other: 'Corrija la causa.',
};

const n = (value: number) => countIn('es', value);
const plural = (value: number, one: string, many?: string) => countedIn('es', value, one, many);

export const esStop: { readonly [C in keyof Words]: (params: Parameters<Words[C]>[0]) => string } = {
  'stop.canary': (p) => `Prueba terminada: se enviaron las primeras ${plural(p.rows, 'fila')} (--limit); resume envía el resto.`,
  'stop.interrupted': () => 'Interrumpido: no se hacen más solicitudes; se espera a las que están en curso.',
  'stop.write-failed': () => 'No se puede escribir el diario de la ejecución: no se hacen más solicitudes.',
  'stop.unreachable': (p) => `${p.answer}. ${FATAL_FIX.network}`,
  'stop.fatal': (p) => `Detenido por el CRM: ${p.answer}. ${FATAL_FIX[p.fix]}`,
  'stop.failure-rate': (p) =>
    `Fallan demasiadas filas: ${p.first ? `fallaron las primeras ${n(p.of)} filas (${n(p.count)} de ${n(p.of)}: ${p.message})` : `fallaron ${n(p.failed)} de las últimas ${n(p.of)} filas (${n(p.count)} de ellas: ${p.message})`}. Revise el mapeo y el CRM antes de seguir (--max-failure-rate cambia esta revisión).`,
  'stop.quota-answered': () => 'Cuota diaria agotada: el CRM respondió TOKEN LIMIT EXCEEDED.',
  'stop.quota-reached': () => 'Cuota diaria alcanzada: se usaron todas las unidades de cuota disponibles hoy. Reanude después de la renovación (o use --wait-for-quota).',
  'stop.max-calls': (p) =>
    `Se alcanzó el límite de solicitudes: ${plural(p.calls, 'solicitud', 'solicitudes')} ${p.calls === 1 ? 'hecha' : 'hechas'}${p.units === undefined ? '' : `, ${n(p.units)} unidades de cuota contadas`} (${p.units === undefined ? '--max-calls' : `--max-calls ${n(p.max)} cuenta unidades de cuota: una solicitud con varios registros cuenta 1 por registro, salvo que --check-quota haya medido que cuesta 1`}).`,
};
