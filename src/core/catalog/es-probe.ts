import { countIn } from '../text.js';
import type { AnswerStatus, enProbe, ProbeAnswer, ProbeBehaviour } from './en-probe.js';

// Spanish for `probe`: lo que dice una solicitud de updateMany.php con un registro real y un id que no puede
// existir sobre los lotes, el informe del comando, y por qué no se pudo hacer la prueba.

type Words = typeof enProbe;

const REAPPLIED = 'con --batch 100, hasta 99 registros de cada lote que contiene un registro malo se aplican de nuevo, algunos hasta 8 veces (log₂N + 1), y un flujo del CRM que corre en cada actualización corre cada vez';
const ONE_BY_ONE = 'las filas se confirman una por una y --batch no ahorra nada: mantenga --batch 1 en este CRM.';
const measuredOn = (refused: boolean) => (refused ? ' (medido en una solicitud rechazada: una exitosa puede costar más)' : '');

const BEHAVIOUR: Readonly<Record<ProbeBehaviour, (p: { answer: ProbeAnswer; namesId: boolean }) => string>> = {
  skipped: (p) => `omitido: la solicitud tuvo éxito con un conteo menor (${p.answer.count} de 2)`,
  counted: (p) => ((p.answer.count ?? 0) > 2 ? `no se sabe: el conteo (${p.answer.count}) es mayor que los 2 registros enviados` : `contado como editado: el conteo (${p.answer.count}) lo incluye`),
  silent: () => 'no se sabe: la solicitud tuvo éxito sin conteo',
  refused: (p) => `se rechazó la solicitud completa; el mensaje ${p.namesId ? 'nombra' : 'no nombra'} el id`,
  'too-large': () => 'la solicitud se rechazó por demasiado grande (2 registros)',
  unclear: (p) => `no está claro: la respuesta fue ${p.answer.kind}/${p.answer.reason}`,
};

const statusOf = (p: AnswerStatus) => (p.httpStatus ? ` (HTTP ${p.httpStatus}${p.apiCode ? `, código ${p.apiCode}` : ''})` : '');
const n = (value: number) => countIn('es', value);

export const esProbe: { readonly [C in keyof Words]: (params: Parameters<Words[C]>[0]) => string } = {
  'probe.by-count': () => 'Los lotes se confirman por su conteo: un lote cuyo conteo es igual a sus registros se actualizó completo; un conteo menor se acota hasta las filas que fallaron.',
  'probe.narrowing-resends': () => `Acotar un conteo envía de nuevo las primeras mitades: ${REAPPLIED} (reapplied en summary.json los cuenta).`,
  'probe.count-too-high': (p) => `El conteo (${p.count}) es mayor que los ${p.records} registros enviados: un conteo que no puede ser cierto no confirma ningún lote, así que ${ONE_BY_ONE}`,
  'probe.count-included-missing': (p) => `El conteo incluyó un id que no existe (${p.count} de ${p.count}): los lotes no se pueden confirmar por su conteo, así que ${ONE_BY_ONE}`,
  'probe.no-count': () => `La respuesta no trae conteo y el id inexistente pasó desapercibido: los lotes no se pueden confirmar por su respuesta, así que ${ONE_BY_ONE}`,
  'probe.refused-whole': () => 'Un lote con un id inexistente (o un valor que el CRM rechaza) se rechaza completo: la herramienta lo acota enviando de nuevo mitades (las actualizaciones se pueden repetir sin efecto adicional).',
  'probe.refusal-names-id': (p) =>
    p.names ? 'El rechazo nombra el id inexistente, lo que permite ir directo a él al acotar.' : 'El rechazo no nombra el id inexistente: encontrarlo cuesta unas 2·log₂N solicitudes más en un lote de N.',
  'probe.refused-after-applying': () =>
    `"Rechazado después de aplicar el resto" no se puede distinguir de "rechazado sin aplicar nada" sin cambiar datos. Si este CRM aplica primero el resto, acotar lo envía de nuevo en cada nivel: ${REAPPLIED}; mantenga --batch 1 si eso importa (reapplied en summary.json cuenta los registros que pudieron aplicarse más de una vez).`,
  'probe.success-count-unseen': () => 'No se vio si un lote exitoso trae conteo (esta solicitud fue rechazada); el primer lote de un trabajo lo muestra.',
  'probe.too-large': () => 'updateMany.php rechazó por demasiado grande una solicitud de 2 registros: --batch no se puede usar en este CRM.',
  'probe.no-batches': (p) => `Este CRM no acepta updateMany.php (${p.answer}): --batch no se puede usar.`,
  'probe.unreadable': (p) => `updateMany.php no dio una respuesta que la prueba pudiera leer (${p.answer}): ejecute la prueba de nuevo; mientras tanto mantenga --batch 1.`,
  'probe.cost-call': (p) => `Una solicitud de updateMany.php costó 1 unidad${measuredOn(p.refused)}: con --batch 100, 100.000 filas cuestan unas 1.000 unidades de cuota en lugar de 100.000.`,
  'probe.cost-record': (p) => `Una solicitud de updateMany.php costó una unidad por registro (${n(p.units)} por ${n(p.units)})${measuredOn(p.refused)}: --batch ahorra tiempo, no cuota.`,
  'probe.cost-unknown': () => 'No se sabe cuánta cuota cuesta una solicitud: cuente una unidad por registro.',
  'probe.no-use': (p) => (p.when === undefined ? 'el CRM no dio el uso del token' : `el CRM no dio el uso del token ${p.when === 'before' ? 'antes' : 'después'} (${p.answer ?? ''})`),
  'probe.use-went-down': () => 'el uso del token bajó entre las lecturas (¿se reinició el conteo diario?)',
  'probe.other-units': (p) => `${n(p.units)} unidades por una solicitud de ${n(p.records)} registros: otro cliente usa el token, o el CRM cuenta las solicitudes de otra forma`,

  'probe.title': (p) => `Prueba de updateMany.php en ${p.server} (operación ${p.operation}, módulo ${p.module})`,
  'probe.read': (p) => `  leído con query.php:    registro ${p.id}`,
  'probe.sent-back': (p) => `  devuelto sin cambios:   ${p.fields.join(', ')} (${p.byMapping ? 'los campos simples del mapeo' : 'cada valor simple de la lectura'})`,
  'probe.left-out': (p) => `  no enviado:             ${p.fields.join(', ')} (no está en el registro, tiene tipo, o no es un valor simple)`,
  'probe.together': (p) => `  junto con:              ${p.missingId}, un id que no puede existir`,
  'probe.answer': (p) =>
    `Respuesta          ${p.answer.httpStatus === undefined ? 'sin respuesta' : `HTTP ${p.answer.httpStatus}${p.answer.apiCode === undefined ? '' : `, código ${p.answer.apiCode}`}`}: ${p.answer.message}`,
  'probe.count': (p) => `Conteo             ${{ yes: `sí (${p.count} de los 2 registros enviados)`, no: 'no', 'not-seen': 'no se vio (la solicitud no tuvo éxito)' }[p.seen]}`,
  'probe.missing-id': (p) => `Id inexistente     ${BEHAVIOUR[p.behaviour](p)}`,
  'probe.cost': (p) => {
    const use = p.usedBefore === undefined || p.usedAfter === undefined ? '' : ` (uso del token ${n(p.usedBefore)} → ${n(p.usedAfter)}: la lectura 1, updateMany ${p.units}, la lectura de después 1)`;
    return `Costo              ${p.cost === 'call' ? `1 unidad por solicitud${use}` : p.cost === 'record' ? `1 unidad por registro: ${p.units} por 2 registros${use}` : `desconocido: ${p.note ?? ''}`}`;
  },
  'probe.calls': (p) => `Solicitudes        ${p.calls} (tokenInformation, query, updateMany, tokenInformation${p.calls > 4 ? '; una más: tokenInformation aceptó el otro método HTTP' : ''})`,
  'probe.means': () => 'Qué significa para --batch:',

  'probe.missing-operation': () => 'Falta la operación: use --operation, o --mapping con un mapeo que indique su "operation".',
  'probe.missing-module': () => 'Falta el módulo: use --module, o --mapping con un mapeo que indique su "module".',
  'probe.missing-id-flag': () => 'Falta el id: use --id con el wolkvox_id de un registro suyo (la última parte de su dirección en el CRM).',
  'probe.quota-low': (p) =>
    `Al token le quedan ${n(p.available)} solicitudes hoy y la prueba necesita hasta ${p.needed}: ejecútela cuando se renueve el conteo (en ${p.hours} h). No se envió nada.`,
  'probe.quota-used': (p) => `Se agotó la cuota diaria del token (${p.endpoint}: ${p.answer}). No se envió nada; ejecute la prueba cuando se renueve el conteo.`,
  'probe.token-refused': (p) => `El CRM rechazó el token (${p.endpoint}: ${p.answer}). No se envió nada; revise WOLKVOX_TOKEN o --token-file.`,
  'probe.read-failed': (p) => `query.php no dio el registro: ${p.answer}${statusOf(p)}. No se envió nada; revise --server, --operation y --module, o ejecute la prueba más tarde.`,
  'probe.record-not-found': (p) =>
    `No se encontró el registro: query.php no encontró ningún registro con wolkvox_id ${p.id} en el módulo ${p.module}${statusOf(p)}: ${p.answer}${p.others ? ', ninguno de ellos es ese' : ''}. No se envió nada; use --id con el id de un registro suyo.`,
  'probe.nothing-to-send': (p) =>
    `Nada que devolver: ${
      p.mappingFields
        ? `ninguno de los campos del mapeo (${p.mappingFields.join(', ')}) está en el registro ${p.id} como texto simple, número o true/false, con un tipo simple en el mapeo`
        : `el registro ${p.id} no tiene ningún campo con texto simple, un número o true/false (nunca se envían campos con tipo, adjuntos, campos vacíos ni campos wolkvox_)`
    }. No se envió nada; use --id de un registro con un campo así${p.mappingFields ? ', o un mapeo que mapee uno' : ''}.`,
};
