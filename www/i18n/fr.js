// Français : the same keys as en.js, in French (numbers arrive with a
// decimal comma, written by i18n/languages.js; a no-break space precedes
// « : »).

import { MAX_CM, UNIT } from '../generated/facts.js';

export const element = {
  fields: { sepalLength: 'Longueur du sépale', sepalWidth: 'Largeur du sépale', petalLength: 'Longueur du pétale', petalWidth: 'Largeur du pétale' },
  loading: 'Chargement du classificateur…',
  incomplete: 'Saisissez les quatre mesures pour voir l’espèce.',
  fixOne: 'Corrigez la valeur signalée pour voir une prédiction.',
  fixMany: 'Corrigez les valeurs signalées pour voir une prédiction.',
  probability: 'de probabilité',
  probabilities: 'Probabilité de chaque espèce',
  prediction: 'Prédiction',
  slider: (field) => `${field} (curseur, ${UNIT})`,
  failed: (message) => 'Le classificateur n’a pas pu démarrer\u00a0: aucune prédiction n’est possible ici. '
    + `Cette page doit autoriser les modules JavaScript et WebAssembly. (${message})`,
  internal: (message) => `Prédiction impossible\u00a0: ${message}`,
  reasons: {
    missing: 'valeur manquante',
    'wrong-type': 'doit être un nombre',
    'not-a-number': 'doit être un nombre',
    'not-finite': 'doit être un nombre fini',
    'not-positive': `doit être supérieure à 0 ${UNIT}`,
    'too-large': `doit être au plus de ${MAX_CM} ${UNIT}`,
  },
  fieldError: (field, reason) => `${field}\u00a0: ${reason}.`,
  outside: (field, value, min, max) => `${field}\u00a0: ${value} ${UNIT} est en dehors des données d’entraînement (de ${min} à ${max} ${UNIT}), cette prédiction est donc une extrapolation.`,
};

export const explorer = {
  fields: { sepalLength: 'longueur du sépale', sepalWidth: 'largeur du sépale', petalLength: 'longueur du pétale', petalWidth: 'largeur du pétale' },
  section: 'Pourquoi cette espèce',
  across: 'Horizontal',
  up: 'Vertical',
  axis: (field) => `${field} (${UNIT})`,
  tableSummary: 'Les 150 fleurs de la carte, sous forme de tableau',
  tableCaption: (unit) => `Les iris de Fisher (${unit})`,
  row: 'Ligne',
  species: 'Espèce',
  sameAxes: 'Choisissez deux mesures différentes pour la carte.',
  flower: (x, xValue, y, yValue) => `Votre fleur (${x} ${xValue} ${UNIT}, ${y} ${yValue} ${UNIT})`,
  inRegion: (flower, species) => `${flower} se trouve dans la région ${species}`,
  offMap: (flower) => `${flower} se trouve hors de la carte`,
  boundary: (species, distance) => `\u00a0; la frontière la plus proche est celle de ${species}, à ${distance} ${UNIT}.`,
  held: (a, b) => `${a} et ${b}`,
  heldValue: (field, value) => `${field} ${value} ${UNIT}`,
  mapLabel: (x, y, held, where) => `Carte des espèces que prédit le modèle selon ${x} et ${y}, avec ${held} fixées. ${where}`,
  uncertain: (a, b) => `Incertain\u00a0: ${a} ou ${b}.`,
  deciding: (field, value, species, runnerUp) => `${field} ${value} ${UNIT} pèse le plus pour ${species} plutôt que ${runnerUp}.`,
  contributions: 'Ce que compte chaque mesure',
  contribution: (field, side, amount) => `${field}\u00a0: ${side}, ${amount}`,
  for: (species) => `pour ${species}`,
  against: (species) => `contre ${species}`,
  nearest: 'Les fleurs les plus proches dans les données d’entraînement\u00a0:',
  nearestFlower: (row, species, values) => `Fleur ${row} (${species})\u00a0: ${values} ${UNIT}`,
};

export const page = {
  title: 'Classificateur d’iris · fonctionne dans votre navigateur',
  description: 'Saisissez les mesures du sépale et du pétale d’un iris et voyez son espèce, calculée dans votre propre navigateur par un modèle entraîné avec smartcore et compilé en WebAssembly.',
  heading: 'Classificateur d’iris',
  intro: 'Saisissez les quatre mesures d’un iris en centimètres et voyez quelle espèce est la plus probable, à quel point le modèle en est sûr, et pourquoi\u00a0: où se trouve votre fleur sur une carte des décisions du modèle et quelles fleurs réelles sont les plus proches. Tout est calculé ici, dans votre navigateur\u00a0: rien de ce que vous saisissez n’est envoyé.',
  language: 'Langue',
  measure: 'Mesurez une fleur',
  examples: 'Essayez une fleur typique des données\u00a0:',
  pending: 'Le classificateur apparaît ici une fois son script chargé.',
  loadError: (message) => 'Le classificateur n’a pas pu être chargé\u00a0: aucune prédiction n’est possible. '
    + `Cette page doit autoriser les modules JavaScript et WebAssembly. (${message})`,
  about: 'À propos du modèle',
  cardLoading: 'Chargement de la fiche du modèle…',
  cardUnavailable: 'La fiche du modèle n’est pas disponible, car le classificateur ne s’est pas chargé.',
  footer: 'Entraîné à la construction du site sur les 150 iris de Fisher (UCI Machine Learning Repository, valeurs corrigées, CC BY 4.0) avec smartcore, compilé en WebAssembly.',
  api: 'L’API JavaScript\u00a0: iris.js',
  widget: 'L’élément à intégrer\u00a0: widget.js',
  exampleTitle: (row, values) => `Ligne ${row}\u00a0: ${values}`,
  model: 'Modèle',
  accuracy: 'Exactitude',
  accuracyValue: (mean, std, folds, rows) => `${mean} ± ${std}, validation croisée stratifiée en ${folds} blocs sur ${rows} fleurs`,
  trainedWith: 'Entraîné avec',
  trainedWithValue: (version) => `smartcore ${version}, à la construction de ce site`,
  size: 'Taille du modèle',
  sizeValue: (bytes, hash) => `${bytes} octets, SHA-256 ${hash}…`,
  confusion: 'Prédictions en validation croisée\u00a0: les lignes sont l’espèce réelle, les colonnes l’espèce prédite',
  perSpecies: 'Par espèce',
  species: 'Espèce',
  precision: 'Précision',
  recall: 'Rappel',
  families: 'Familles de modèles comparées sur les mêmes blocs',
  family: 'Famille',
  meanAccuracy: 'Exactitude moyenne',
};

export const embed = {
  title: 'Classificateur d’iris',
  description: 'Un classificateur d’iris qui fonctionne dans votre navigateur\u00a0: saisissez les mesures du sépale et du pétale, voyez l’espèce et à quel point le modèle en est sûr.',
};
