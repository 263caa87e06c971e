import { countedIn } from '../text.js';
import type { enFields, InferredField } from './en-fields.js';

// Spanish of en-fields.ts: the types a draft read from the file, the CRM's field names.

type FieldWords = typeof enFields;

const TYPE_WORDS: Readonly<Record<string, string>> = { number: 'número', boolean: 'sí/no', date: 'fecha', datetime: 'fecha y hora' };

const inferred = (p: InferredField) =>
  `${p.field} ${TYPE_WORDS[p.type] ?? p.type}${p.decimal ? ` (separador decimal "${p.decimal}")` : p.type === 'number' ? ' (los valores no dicen cuál es el separador decimal: indique "decimal")' : ''}${p.inputFormat ? ` (${p.inputFormat})` : ''}`;

export const esFields: { readonly [C in keyof FieldWords]: (params: Parameters<FieldWords[C]>[0]) => string } = {
  'init.types': (p) =>
    p.fields.length === 0
      ? `  tipos: todos los campos son texto (nada en las primeras ${countedIn('es', p.rows, 'fila')} se lee como número, fecha o sí/no)`
      : `  tipos, leídos de las primeras ${countedIn('es', p.rows, 'fila')}: ${p.fields.map(inferred).join(', ')}; el resto, texto`,
  'fields.read': (p) => `Se leyó un registro de ${p.module} (${countedIn('es', p.calls, 'solicitud a la API', 'solicitudes a la API')}): ${countedIn('es', p.count, 'nombre de campo', 'nombres de campo')}.`,
  'fields.module-empty': (p) =>
    `${p.module} aún no tiene registros (${countedIn('es', p.calls, 'solicitud a la API', 'solicitudes a la API')}), así que no se pueden leer sus nombres de campo: los campos del mapeo no se comparan con el CRM.`,
  'fields.missing': (p) =>
    `Falta ${p.option === 'module' ? 'el módulo' : 'la operación'}: los nombres de campo se leen de un registro del módulo, con el token de su operación. Escriba primero ${p.option === 'module' ? 'el módulo' : 'la operación'}.`,
  'fields.read-refused': (p) => `No se pudo leer un registro de ${p.module}: ${p.reason}. No se cambió nada.`,
  'fields.unknown': (p) =>
    `«${p.field}» no es un campo de los registros de ${p.module}${p.meant === undefined ? '.' : `; ¿quiso decir «${p.meant}»?`} Un campo que el CRM no tiene no se actualizaría.`,
};
