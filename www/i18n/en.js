// English: every word the product shows a person, by where it shows it.
// es.js and fr.js have exactly the same keys (tests/node/i18n.test.mjs
// fails otherwise). Numbers arrive already written the language's way
// (i18n/languages.js); functions build sentences around them.
//
// The element bundles only `element` from this file (esbuild drops the
// rest), so the first prediction carries no word it does not show.

import { REASONS, UNIT } from '../generated/facts.js';

/** `a`, `a or b`, `a, b or c` (of a name or a list). */
const either = (names) => ((names = [names].flat()).length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names[0]);

/** The element: its fields, states, errors and warnings. */
export const element = {
  fields: { sepalLength: 'Sepal length', sepalWidth: 'Sepal width', petalLength: 'Petal length', petalWidth: 'Petal width' },
  loading: 'Loading the classifier…',
  incomplete: 'Enter all four measurements to see the species.',
  fixOne: 'Fix the highlighted value to see a prediction.',
  fixMany: 'Fix the highlighted values to see a prediction.',
  probability: 'probability',
  probabilities: 'Probability of each species',
  prediction: 'Prediction',
  slider: (field) => `${field} slider, ${UNIT}`,
  failed: (message) => 'The classifier could not start, so no prediction can be made here. '
    + `It needs JavaScript modules and WebAssembly to be allowed on this page. (${message})`,
  internal: (message) => `Could not predict: ${message}`,
  // The API's own English reasons (generated from crate/core).
  reasons: REASONS,
  fieldError: (field, reason) => `${field} ${reason}.`,
  outside: (field, value, min, max) => `${field} ${value} ${UNIT} is outside the training data (${min} to ${max} ${UNIT}), so this prediction is an extrapolation.`,
  // The prediction set at the coverage (`95 %`): the species that cannot be ruled out.
  set: (coverage, names) => `With ${coverage} confidence: ${either(names)}.`,
  setOutside: (coverage) => `No ${coverage} guarantee outside the training data.`,
};

/** The map and the explanation (explorer-view.js). */
export const explorer = {
  // Measurement names inside a sentence.
  fields: { sepalLength: 'sepal length', sepalWidth: 'sepal width', petalLength: 'petal length', petalWidth: 'petal width' },
  section: 'Why this species',
  across: 'Across',
  up: 'Up',
  axis: (field) => `${field} (${UNIT})`,
  tableSummary: 'The 150 flowers on the map, as a table',
  tableCaption: (unit) => `Fisher's iris flowers (${unit})`,
  row: 'Row',
  species: 'Species',
  imageCaption: (species, percent) => `${species}, ${percent}% probable`,
  sameAxes: 'Choose two different measurements for the map.',
  flower: (x, xValue, y, yValue) => `Your flower (${x} ${xValue} ${UNIT}, ${y} ${yValue} ${UNIT})`,
  inRegion: (flower, species) => `${flower} lies in the ${species} region`,
  offMap: (flower) => `${flower} lies outside the map`,
  boundary: (species, distance) => `; the nearest boundary is with ${species}, ${distance} ${UNIT} away.`,
  held: (a, b) => `${a} and ${b}`,
  heldValue: (field, value) => `${field} ${value} ${UNIT}`,
  mapLabel: (x, y, held, where) => `Map of the species the model predicts by ${x} and ${y}, with ${held} held. ${where}`,
  uncertain: (names) => `Uncertain: ${either(names)}.`,
  deciding: (field, value, species, runnerUp) => `${field} ${value} ${UNIT} counts most for ${species} over ${runnerUp}.`,
  contributions: 'What each measurement counts for',
  contribution: (field, side, amount) => `${field}: ${side}, ${amount}`,
  for: (species) => `for ${species}`,
  against: (species) => `against ${species}`,
  nearest: 'The nearest flowers in the training data:',
  nearestFlower: (row, species, values) => `Flower ${row} (${species}): ${values} ${UNIT}`,
};

/** The app page (index.html, app.js, model-card.js). */
export const page = {
  title: 'Iris classifier · runs in your browser',
  description: 'Type the sepal and petal measurements of an iris flower and see its species, computed in your own browser by a model trained with smartcore and compiled to WebAssembly.',
  heading: 'Iris classifier',
  intro: 'Type the four measurements of an iris flower in centimetres and see which species it most likely is, how sure the model is, and why: where your flower lies on a map of the model\'s decisions and which real flowers are nearest. Everything is computed here in your browser: nothing you type is sent anywhere.',
  language: 'Language',
  measure: 'Measure a flower',
  examples: 'Try a typical flower from the data:',
  pending: 'The classifier appears here once its script has loaded.',
  loadError: (message) => 'The classifier could not be loaded, so no prediction can be made. '
    + `It needs JavaScript modules and WebAssembly to be allowed for this page. (${message})`,
  fileTitle: 'Classify a file',
  fileIntro: 'Choose or drop a CSV or a workbook (Excel .xlsx or .xls, LibreOffice .ods) of measurements, in any encoding Excel writes; the usual iris column names in English, Spanish or French are recognised, or choose the columns. Every row is classified here, in your browser: the file is not uploaded.',
  fileChoose: 'Choose a CSV or spreadsheet file, or drop one here',
  about: 'About the model',
  cardLoading: 'Loading the model card…',
  shareLabel: 'Keep or share this flower',
  copyLink: 'Copy link',
  saveImage: 'Save image',
  shareButton: 'Share…',
  linkCopied: 'Link copied: it opens this flower in this language.',
  copyFailed: (link) => `The link could not be copied here; this is it: ${link}`,
  imageSaved: (name) => `Saved the map as ${name}.`,
  imageFailed: 'There is no map to save yet: enter all four measurements.',
  cardUnavailable: 'The model card is unavailable because the classifier did not load.',
  footer: 'Trained at build time on Fisher\'s 150 iris flowers (UCI Machine Learning Repository, corrected values, CC BY 4.0) with smartcore, compiled to WebAssembly.',
  api: 'The JavaScript API: iris.js',
  widget: 'The embeddable element: widget.js',
  exampleTitle: (row, values) => `Row ${row}: ${values}`,
  model: 'Model',
  accuracy: 'Accuracy',
  accuracyValue: (mean, std, folds, rows) => `${mean} ± ${std}, stratified ${folds}-fold cross-validation on ${rows} flowers`,
  trainedWith: 'Trained with',
  trainedWithValue: (version) => `smartcore ${version}, when this site was built`,
  size: 'Model size',
  sizeValue: (bytes, hash) => `${bytes} bytes, SHA-256 ${hash}…`,
  confusion: 'Cross-validated predictions: rows are the actual species, columns the predicted one',
  perSpecies: 'Per species',
  species: 'Species',
  precision: 'Precision',
  recall: 'Recall',
  families: 'Model families compared on the same folds',
  family: 'Family',
  meanAccuracy: 'Mean accuracy',
  calibration: 'Calibration',
  calibrationValue: (logLoss, brier, ece) => `log loss ${logLoss}, Brier score ${brier}, expected calibration error ${ece} (the top probability in ten equal-width bins), all from the cross-validated probabilities; lower is better`,
  sets: 'Prediction sets',
  setsValue: (coverage, measured, covered, flowers, error, size) => `made to hold the true species ${coverage} of the time (cross-conformal prediction, per species); measured by nested cross-validation: ${measured} (${covered} of ${flowers} flowers; sampling error ± ${error}), ${size} species per set on average`,
  logLoss: 'Log loss',
  brier: 'Brier score',
  ece: 'Calibration error',
  reliability: 'Reliability: in each band of top probability, the share of the cross-validated predictions that were right (bars; dots at the band\'s mean probability). On the diagonal, “80 %” would be right 80 % of the time.',
  reliabilityDesc: (bands, ece) => `${bands} bands of top probability hold flowers; the expected calibration error is ${ece}. The table below gives every band's numbers.`,
  reliabilityAcross: 'top probability',
  reliabilityTable: 'The reliability diagram as numbers',
  bin: 'Top probability',
  flowers: 'Flowers',
  meanProbability: 'Mean probability',
  correct: 'Right',
};

/** The iframe embed (embed.html). */
export const embed = {
  title: 'Iris classifier',
  description: 'An iris flower classifier that runs in your browser: type sepal and petal measurements, see the species and how sure the model is.',
};

/** Classifying a file (file/view.js; `notes` are the download's note column). */
export const file = {
  reading: (name) => `Reading ${name}…`,
  mapping: 'Which column holds each measurement?',
  species: 'Known species (optional)',
  none: '(none)',
  run: 'Classify the file',
  progress: (percent) => `Classifying… ${percent}`,
  cancel: 'Cancel',
  cancelled: 'Cancelled. Nothing was kept.',
  summary: (name, rows, classified, failed) => `${name}: ${rows} rows, ${classified} classified, ${failed} could not be.`,
  noted: (count) => `Classified rows with a note (a value outside the training data, an unknown species): ${count}.`,
  blank: (count) => `Blank lines skipped: ${count}.`,
  counts: 'Rows predicted as each species',
  rows: 'Rows',
  accuracy: (percent, correct, labelled) => `Agreement with the file's species column: ${percent} (${correct} of ${labelled} rows).`,
  confusion: 'Rows are the species in the file, columns the predicted one',
  problems: 'Rows with a note, by line',
  line: 'Line',
  note: 'Note',
  more: (count) => `And ${count} more: every note is in the download.`,
  preview: 'The first rows of the result',
  download: (name) => `Download ${name}`,
  time: (seconds) => `Done in ${seconds} s, in this browser: nothing was uploaded.`,
  pasteLabel: 'Or paste cells copied from a spreadsheet',
  pasteHelp: 'Copy the rows in Excel, LibreOffice Calc or Google Sheets (four columns of measurements, with or without their header row) and paste them here: they are classified at once, and “Copy results” gives them back with the species and probabilities, ready to paste beside your cells.',
  pasteRun: 'Classify the pasted cells',
  sheet: 'Sheet',
  workbook: (name, sheet) => `Read the sheet “${sheet}” of ${name}; the download is a CSV of it with the results.`,
  encoding: {
    'utf-8': 'Read as UTF-8.',
    'utf-8-bom': 'Read as UTF-8 (Excel\'s “CSV UTF-8”); the download is UTF-8 too.',
    'utf-16le': 'Read as UTF-16 (Excel\'s “Unicode text”); the download is UTF-8, which Excel opens with its accents.',
    'utf-16be': 'Read as UTF-16 (big-endian); the download is UTF-8, which Excel opens with its accents.',
    'windows-1252': 'Read as Windows-1252 (Excel\'s CSV); the download is UTF-8, which Excel opens with its accents.',
  },
  joined: (count) => `Lines read as part of the row above them (a quoted cell holds line breaks; each such row has a note): ${count}.`,
  pasted: 'pasted cells',
  results: 'The pasted cells with their results',
  copy: 'Copy results',
  copied: (rows) => `Copied ${rows} rows with their results: paste them beside your cells.`,
  copyFailed: 'The browser did not allow copying: select the table and copy it by hand.',
  moreCopied: (count) => `And ${count} more rows: all of them are copied.`,
  errors: {
    'not-text': 'This file is not text, so it is not a CSV. Choose a .csv or .tsv file separated by commas, semicolons or tabs.',
    empty: 'This file is empty: there is nothing to classify.',
    'too-large': (size) => `This file is larger than ${size}; split it and classify the parts.`,
    unmapped: 'Choose a column for each of the four measurements.',
    columns: (count) => `This file has ${count} column(s); the four measurements need four. Is it separated by commas, semicolons or tabs?`,
    internal: (message) => `The file could not be classified: ${message}`,
    'mixed-encoding': (line) => `Line ${line} is not UTF-8, though the accented letters before it are: the file mixes two text encodings, which no reading shows correctly. Open it in your spreadsheet and save it again as “CSV UTF-8”.`,
    password: 'This workbook is protected by a password. Open it, remove the password (or save a copy as CSV) and choose it again.',
    'not-workbook': 'This file is neither text nor an Excel or LibreOffice workbook. Choose a .csv, .xlsx, .xls or .ods file.',
    corrupt: (message) => `This workbook could not be read (${message}). Open it and save it again, or save it as CSV, and choose it again.`,
    'no-data': 'No sheet of this workbook holds any data.',
    'no-sheet': (message) => `That sheet is gone or empty: ${message}`,
    'workbook-too-large': (size) => `This workbook is larger than ${size}; save it as CSV (which has no such limit) and choose that.`,
    'unmapped-paste': 'Paste four columns of measurements in the usual order (sepal length, sepal width, petal length, petal width), with or without a header row of the usual names.',
  },
  notes: {
    invalid: '{field} {reason}',
    outside: '{field} {value} cm is outside the training data ({min} to {max} cm)',
    fieldCount: 'this row has {count} fields; the header has {expected}',
    unknownSpecies: "unknown species '{label}'",
    unclosedQuote: 'a quote opened in this row is never closed; the line was read on its own',
    spansLines: 'lines {first} to {last} are one row (a quoted cell holds line breaks)',
    tooLong: 'this line is {bytes} bytes long, more than the {max} a row may be; it was not read',
  },
};
