"""Writes the bundled samples: a Spanish-Excel style CSV (Windows-1252, ';', CRLF) and a workbook with a
title row, both for the same 24 customers. Run: python3 samples/make_samples.py (needs openpyxl)."""
import csv, datetime, hashlib, pathlib, unicodedata
import openpyxl
from openpyxl.styles import Font

HERE = pathlib.Path(__file__).parent
NOMBRES = ['Ana', 'Luis', 'María José', 'Andrés', 'Camila', 'Julián', 'Valentina', 'Sebastián', 'Daniela', 'Santiago',
           'Lucía', 'Mateo', 'Sofía', 'Nicolás', 'Isabella', 'Tomás', 'Mariana', 'Joaquín', 'Gabriela', 'Martín',
           'Paula', 'Emilio', 'Renata', 'Ñico']
APELLIDOS = ['Gómez', 'Muñoz', 'Peña', 'Rodríguez', 'López', 'Hernández', 'Díaz', 'Álvarez', 'Castaño', 'Ibáñez',
             'Ramírez', 'Suárez', 'Martínez', 'Jiménez', 'Giraldo', 'Ortiz', 'Vélez', 'Quintero', 'Zuluaga', 'Restrepo',
             'Cárdenas', 'Montoya', 'Bermúdez', 'Echeverri']
CIUDADES = ['Bogotá', 'Medellín', 'Cali', 'Barranquilla', 'Bucaramanga', 'Cúcuta']

def ascii_name(name):
    return unicodedata.normalize('NFD', name.split()[0].lower()).encode('ascii', 'ignore').decode()

def rows():
    for n in range(24):
        wid = hashlib.sha1(f'cliente-{n}'.encode()).hexdigest()[:24]
        saldo = round(150000 + n * 98765.43, 2)
        alta = datetime.date(2023, 1, 15) + datetime.timedelta(days=17 * n)
        yield {
            'wolkvox-id': wid,
            'Nombre': NOMBRES[n],
            'Apellido': APELLIDOS[n],
            'Correo': f'{ascii_name(NOMBRES[n])}.{n}@Ejemplo.co',
            'Celular': f'300{1000000 + n * 7919}',
            'Ciudad': CIUDADES[n % len(CIUDADES)],
            'Saldo': saldo,
            'Alta': alta,
            'Estado': 'A' if n % 5 else 'I',
            'Activo': n % 5 != 0,
        }

def spanish_number(value):
    whole, frac = f'{value:.2f}'.split('.')
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return '.'.join(groups) + ',' + frac

with open(HERE / 'clientes.csv', 'w', encoding='cp1252', newline='') as f:
    writer = csv.writer(f, delimiter=';', lineterminator='\r\n')
    columns = ['wolkvox-id', 'Nombre', 'Apellido', 'Correo', 'Celular', 'Ciudad', 'Saldo', 'Alta', 'Estado']
    writer.writerow(columns)
    for row in rows():
        writer.writerow([spanish_number(row['Saldo']) if c == 'Saldo' else row['Alta'].strftime('%d/%m/%Y') if c == 'Alta' else row[c] for c in columns])

wb = openpyxl.Workbook()
ws = wb.active
ws.title = 'Clientes'
ws['A1'] = 'Clientes a actualizar – campaña Q4'
ws['A1'].font = Font(bold=True, size=14)
columns = ['wolkvox-id', 'Nombre', 'Apellido', 'Correo', 'Celular', 'Ciudad', 'Saldo', 'Alta', 'Activo']
ws.append([])
ws.append(columns)
for row in rows():
    ws.append([row[c] for c in columns])
    ws.cell(row=ws.max_row, column=8).number_format = 'dd/mm/yyyy'
notes = wb.create_sheet('Notas')
notes['A1'] = 'Exportado del CRM el 15/11/2024; revisar saldos antes de enviar.'
wb.save(HERE / 'clientes.xlsx')
print('wrote samples/clientes.csv and samples/clientes.xlsx')
