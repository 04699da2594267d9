// Español: the same keys as en.js, in Spanish (numbers arrive with a
// decimal comma, written by i18n/languages.js).

import { MAX_CM, UNIT } from '../generated/facts.js';

export const element = {
  fields: { sepalLength: 'Longitud del sépalo', sepalWidth: 'Ancho del sépalo', petalLength: 'Longitud del pétalo', petalWidth: 'Ancho del pétalo' },
  loading: 'Cargando el clasificador…',
  incomplete: 'Introduce las cuatro medidas para ver la especie.',
  fixOne: 'Corrige el valor marcado para ver una predicción.',
  fixMany: 'Corrige los valores marcados para ver una predicción.',
  probability: 'de probabilidad',
  probabilities: 'Probabilidad de cada especie',
  prediction: 'Predicción',
  slider: (field) => `${field} (control deslizante, ${UNIT})`,
  failed: (message) => 'El clasificador no pudo iniciarse, así que aquí no se puede hacer ninguna predicción. '
    + `Necesita que esta página permita módulos de JavaScript y WebAssembly. (${message})`,
  internal: (message) => `No se pudo predecir: ${message}`,
  reasons: {
    missing: 'falta el valor',
    'wrong-type': 'debe ser un número',
    'not-a-number': 'debe ser un número',
    'not-finite': 'debe ser un número finito',
    'not-positive': `debe ser mayor que 0 ${UNIT}`,
    'too-large': `debe ser como máximo ${MAX_CM} ${UNIT}`,
  },
  fieldError: (field, reason) => `${field}: ${reason}.`,
  outside: (field, value, min, max) => `${field}: ${value} ${UNIT} está fuera de los datos de entrenamiento (de ${min} a ${max} ${UNIT}), así que esta predicción es una extrapolación.`,
};

export const explorer = {
  fields: { sepalLength: 'longitud del sépalo', sepalWidth: 'ancho del sépalo', petalLength: 'longitud del pétalo', petalWidth: 'ancho del pétalo' },
  section: 'Por qué esta especie',
  across: 'Horizontal',
  up: 'Vertical',
  axis: (field) => `${field} (${UNIT})`,
  tableSummary: 'Las 150 flores del mapa, en una tabla',
  tableCaption: (unit) => `Las flores de iris de Fisher (${unit})`,
  row: 'Fila',
  species: 'Especie',
  sameAxes: 'Elige dos medidas distintas para el mapa.',
  flower: (x, xValue, y, yValue) => `Tu flor (${x} ${xValue} ${UNIT}, ${y} ${yValue} ${UNIT})`,
  inRegion: (flower, species) => `${flower} está en la región de ${species}`,
  offMap: (flower) => `${flower} está fuera del mapa`,
  boundary: (species, distance) => `; la frontera más cercana es con ${species}, a ${distance} ${UNIT}.`,
  held: (a, b) => `${a} y ${b}`,
  heldValue: (field, value) => `${field} ${value} ${UNIT}`,
  mapLabel: (x, y, held, where) => `Mapa de la especie que predice el modelo según ${x} y ${y}, con ${held} fijos. ${where}`,
  uncertain: (a, b) => `Incierto: ${a} o ${b}.`,
  deciding: (field, value, species, runnerUp) => `${field} ${value} ${UNIT} es lo que más pesa a favor de ${species} frente a ${runnerUp}.`,
  contributions: 'Lo que aporta cada medida',
  contribution: (field, side, amount) => `${field}: ${side}, ${amount}`,
  for: (species) => `a favor de ${species}`,
  against: (species) => `en contra de ${species}`,
  nearest: 'Las flores más cercanas en los datos de entrenamiento:',
  nearestFlower: (row, species, values) => `Flor ${row} (${species}): ${values} ${UNIT}`,
};

export const page = {
  title: 'Clasificador de iris · funciona en tu navegador',
  description: 'Escribe las medidas del sépalo y del pétalo de una flor de iris y mira su especie, calculada en tu propio navegador por un modelo entrenado con smartcore y compilado a WebAssembly.',
  heading: 'Clasificador de iris',
  intro: 'Escribe las cuatro medidas de una flor de iris en centímetros y mira qué especie es la más probable, qué seguridad tiene el modelo y por qué: dónde cae tu flor en un mapa de las decisiones del modelo y qué flores reales son las más cercanas. Todo se calcula aquí, en tu navegador: nada de lo que escribes se envía a ningún sitio.',
  language: 'Idioma',
  measure: 'Mide una flor',
  examples: 'Prueba una flor típica de los datos:',
  pending: 'El clasificador aparece aquí cuando se haya cargado su script.',
  loadError: (message) => 'No se pudo cargar el clasificador, así que no se puede hacer ninguna predicción. '
    + `Necesita que esta página permita módulos de JavaScript y WebAssembly. (${message})`,
  about: 'Sobre el modelo',
  cardLoading: 'Cargando la ficha del modelo…',
  cardUnavailable: 'La ficha del modelo no está disponible porque el clasificador no se cargó.',
  footer: 'Entrenado al construir el sitio con las 150 flores de iris de Fisher (UCI Machine Learning Repository, valores corregidos, CC BY 4.0) usando smartcore, y compilado a WebAssembly.',
  api: 'La API de JavaScript: iris.js',
  widget: 'El elemento para incrustar: widget.js',
  exampleTitle: (row, values) => `Fila ${row}: ${values}`,
  model: 'Modelo',
  accuracy: 'Exactitud',
  accuracyValue: (mean, std, folds, rows) => `${mean} ± ${std}, validación cruzada estratificada en ${folds} partes sobre ${rows} flores`,
  trainedWith: 'Entrenado con',
  trainedWithValue: (version) => `smartcore ${version}, al construir este sitio`,
  size: 'Tamaño del modelo',
  sizeValue: (bytes, hash) => `${bytes} bytes, SHA-256 ${hash}…`,
  confusion: 'Predicciones de la validación cruzada: las filas son la especie real; las columnas, la predicha',
  perSpecies: 'Por especie',
  species: 'Especie',
  precision: 'Precisión',
  recall: 'Exhaustividad',
  families: 'Familias de modelos comparadas con las mismas particiones',
  family: 'Familia',
  meanAccuracy: 'Exactitud media',
};

export const embed = {
  title: 'Clasificador de iris',
  description: 'Un clasificador de flores de iris que funciona en tu navegador: escribe las medidas del sépalo y del pétalo y mira la especie y la seguridad del modelo.',
};
