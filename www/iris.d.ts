// Types for iris.js, the public JavaScript API of the iris classifier.

// generated:facts begin (cargo xtask codegen, from crate/core: edit there)
/** The three species, in class-index order. */
export type Species = 'setosa' | 'versicolor' | 'virginica';

/** Property names of the four measurements. */
export type Field = 'sepalLength' | 'sepalWidth' | 'petalLength' | 'petalWidth';

/** Four measurements of one flower, in cm (each > 0 and <= 100). */
export interface Measurements {
  sepalLength: number;
  sepalWidth: number;
  petalLength: number;
  petalWidth: number;
}

/** Why a measurement was rejected. */
export type MeasurementErrorCode = 'missing' | 'wrong-type' | 'not-a-number' | 'not-finite' | 'not-positive' | 'too-large';
// generated:facts end

/** A prediction that is still given but should be read with care. */
export interface PredictionWarning {
  field: Field;
  code: 'outside-training-range';
  /** In English, for developers; word it yourself from the numbers below. */
  message: string;
  /** The value given (cm). */
  value: number;
  /** The training data's smallest and largest value of `field` (cm). */
  min: number;
  max: number;
}

export interface Prediction {
  species: Species;
  /** Sum to 1; the largest is `species`. */
  probabilities: Record<Species, number>;
  /**
   * The prediction set: the species that cannot be ruled out at the model
   * card's `predictionSets.coverage` (95 %), most probable first; always
   * holds `species`. More than one means the model cannot tell them apart.
   * The guarantee assumes a flower like the training data's: with a
   * warning (outside the training data) it does not hold.
   */
  set: Species[];
  warnings: PredictionWarning[];
}

/** What `predict` throws for invalid input (`error.name === 'MeasurementError'`). */
export interface MeasurementError extends Error {
  field: Field;
  code: MeasurementErrorCode;
  /** A few words for a person, e.g. "must be greater than 0 cm". */
  reason: string;
  /** Every invalid field (the error itself is the first). */
  errors?: MeasurementError[];
  /** For predictBatch: the 0-based row. */
  row?: number;
}

export interface BatchResult {
  /** Class index per row: 0 setosa, 1 versicolor, 2 virginica. */
  species: Uint8Array;
  /** Three probabilities per row, in species order. */
  probabilities: Float64Array;
  /** Per row, bit i set when feature i (sepal length first) is outside the training data. */
  outside: Uint8Array;
  /** Per row, the prediction set: bit i set when species i (setosa first) is in it. */
  sets: Uint8Array;
}

/** A flower of the training data. */
export interface TrainingFlower {
  /** Its four measurements (cm), by name. */
  measurements: Measurements;
  species: Species;
}

/** Why the model answered what it did (see explain()). */
export interface Explanation {
  species: Species;
  runnerUp: Species;
  /** By species, as `Prediction.probabilities`. */
  probabilities: Record<Species, number>;
  /** Each measurement's share of `margin`, by name; positive counts for `species`. */
  contributions: Record<Field, number>;
  /** The part no measurement explains: the intercepts' difference. */
  baseline: number;
  /** ln(p[species] / p[runnerUp]) = baseline + every contribution. */
  margin: number;
  /** The measurement that counts most for `species` over `runnerUp`. */
  deciding: Field;
  /** The prediction set, most probable first (as `Prediction.set`). */
  set: Species[];
  /** The set holds more than one species. */
  uncertain: boolean;
  /** The three nearest training flowers on standardised measurements, nearest first. */
  nearest: (TrainingFlower & { row: number; distance: number })[];
}

/** How far probabilities can be trusted (lower is better). */
export interface Calibration {
  /** Mean −ln p(true species), each p at least 1e-15. */
  logLoss: number;
  /** Mean Σ (p − [species is true])², 0 to 2. */
  brier: number;
  /** Top-label expected calibration error, ten equal-width bins. */
  expectedCalibrationError: number;
}

/** One bin of the reliability diagram. */
export interface ReliabilityBin {
  lower: number;
  upper: number;
  count: number;
  /** Mean top probability of its flowers; null when empty. */
  confidence: number | null;
  /** Share of its flowers predicted correctly; null when empty. */
  accuracy: number | null;
}

export interface ModelCard {
  modelFamily: string;
  modelParams: string;
  smartcoreVersion: string;
  dataset: string;
  trainingRows: number;
  species: Species[];
  features: { name: Field; min: number; max: number }[];
  crossValidation: {
    folds: number;
    seed: number;
    meanAccuracy: number;
    stdAccuracy: number;
    foldAccuracies: number[];
    /** Per species, in species order. */
    precision: number[];
    recall: number[];
    /** confusionMatrix[actual][predicted], pooled over folds. */
    confusionMatrix: number[][];
    /** Of the out-of-fold probabilities. */
    calibration: Calibration;
    /** Ten equal-width bins of the top probability, out of fold. */
    reliability: ReliabilityBin[];
  };
  candidates: {
    family: string; params: string; meanAccuracy: number; stdAccuracy: number; calibration: Calibration;
  }[];
  predictionSets: {
    /** What the sets are made for, e.g. 0.95. */
    coverage: number;
    method: string;
    /** Per species, in species order: in the set when 1 − p is at most this. */
    thresholds: number[];
    /** The whole procedure measured by nested cross-validation. */
    nested: {
      flowers: number;
      covered: number;
      coverage: number;
      /** Binomial standard error at the nominal coverage over `flowers`. */
      standardError: number;
      bySpecies: { flowers: number; covered: number; coverage: number; standardError: number }[];
      averageSize: number;
      /** How many sets held 1, 2 and 3 species. */
      sizes: number[];
      thresholds: number[][];
    };
  };
  examples: { species: Species; row: number; values: [number, number, number, number] }[];
  /** score[s] = intercepts[s] + Σ weights[s][f] · x[f]; probabilities are their softmax. */
  coefficients: { weights: number[][]; intercepts: number[] };
  modelSha256: string;
  modelBytes: number;
}

/** Starts the wasm module (once). Defaults to the module beside iris.js. */
export default function init(
  source?: URL | string | Response | BufferSource | WebAssembly.Module,
): Promise<void>;

export function predict(measurements: Measurements): Prediction;
/**
 * Classifies 4 values per flower. With `into`, writes the answers into
 * those arrays (lengths n, 3n and n) and returns that object.
 */
export function predictBatch<T extends BatchResult = BatchResult>(rows: Float32Array, into?: T): T;
/**
 * A batch classified in place, in the module's own memory: nothing is
 * copied in or out. Every property is a typed array over that memory,
 * made again when it has grown: read it again after any other call into
 * iris.js rather than keeping it. A later `batch()` or `predictBatch()`
 * takes the buffers over; this batch's properties and `run()` then throw.
 */
export interface Batch extends BatchResult {
  /** The number of flowers. */
  readonly length: number;
  /**
   * Four values per flower (cm): sepal length, sepal width, petal length,
   * petal width. All 0 until written; 0 is refused, naming the row.
   */
  readonly rows: Float32Array;
  /** Validates and classifies every row (throws like `predictBatch`); returns this batch. */
  run(): this;
}

/**
 * A zero-copy batch for `n` flowers (a whole number from 0 to 2^30 − 1):
 * write `rows`, call `run()`, read `species`, `probabilities`, `outside`.
 * Throws a RangeError when `n` is not such a number, or when the module's
 * memory (4 GiB at most, 43 bytes a flower) cannot hold the batch.
 */
export function batch(n: number): Batch;
/** Loads the model card on first use (it needs no init()). */
export function modelInfo(): Promise<Readonly<ModelCard>>;
/** Loads the explorer module on first use; throws as predict() on invalid input. */
export function explain(measurements: Measurements): Promise<Explanation>;
