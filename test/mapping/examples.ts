// Mappings shared by the mapping tests.

/** The brief's example mapping: every feature at once. */
export const FULL_EXAMPLE = {
  $schema: 'https://unpkg.com/wolkvox-bulk/schema/mapping.schema.json',
  operation: 'miempresa',
  module: 'contacts',
  sheet: 'Clientes',
  headerRow: 3,
  delimiter: ';',
  encoding: 'windows-1252',
  id: 'Cédula',
  empty: 'skip',
  fields: {
    'Tipo de cliente': 'Tipo',
    Email: { column: 'Correo', case: 'lower' },
    'Fecha de alta': { column: 'Alta', type: 'date', format: 'YYYY-MM-DD', inputFormat: 'DD/MM/YYYY' },
    Saldo: { column: 'Saldo', type: 'number', decimal: ',' },
    Activo: { column: 'Activo', type: 'boolean' },
    Segmento: { value: 'Campaña Q4' },
    'Nombre completo': { template: '{Nombre} {Apellido}' },
    Estado: { column: 'Estado', map: { A: 'Activo', I: 'Inactivo' }, default: 'Otro' },
    Dirección: { column: 'Dir', type: 'address' },
  },
  attachments: { column: 'Adjuntos', baseDir: './adjuntos', separator: '|', maxBytes: 10485760 },
};
