import { ARTIFACT_FILES, loadArtifact, memoryArtifactStore, saveArtifact } from './model-artifact';
import type { ArtifactStore } from './model-artifact';
import { useNodeBackend } from './node/tfjs-backend';
import { predict, predictOutputs } from './predict';
import { trainModel } from './train-model';
import type { TrainingResult } from './train-model';
import { penguinRows, penguinSpec, schemaOf } from './training-spec.builder';

jest.setTimeout(60_000);

const rows = penguinRows();
let result: TrainingResult;
let saved: Map<string, Uint8Array>;

beforeAll(async () => {
  await useNodeBackend('wasm');
  result = await trainModel({ spec: penguinSpec({ hidden: [8], epochs: 3 }), dataSchema: schemaOf(rows), rows });
  const store = memoryArtifactStore();
  await saveArtifact(store, result.trained, result.metrics);
  saved = store.files;
});

afterAll(() => result.trained.model.dispose());

/** A copy of the saved artifact that records which files were read. */
function recordingCopy(edit: (files: Map<string, Uint8Array>) => void = () => undefined): ArtifactStore & { reads: string[] } {
  const files = new Map(saved);
  edit(files);
  const inner = memoryArtifactStore(files);
  const reads: string[] = [];
  return {
    reads,
    size: (name) => inner.size(name),
    read: (name, bytes) => {
      reads.push(name);
      return inner.read(name, bytes);
    },
    write: (name, bytes) => inner.write(name, bytes),
  };
}

function editModelJson(edit: (json: { weightsManifest: { paths: string[]; weights: { shape: number[] }[] }[]; modelTopology: unknown }) => void) {
  return (files: Map<string, Uint8Array>): void => {
    const json = JSON.parse(new TextDecoder().decode(files.get(ARTIFACT_FILES.model)));
    edit(json);
    files.set(ARTIFACT_FILES.model, new TextEncoder().encode(JSON.stringify(json)));
  };
}

describe('model artifacts', () => {
  it('writes the tfjs model.json and weights with the preprocessing, signature and metrics', () => {
    expect([...saved.keys()].sort()).toEqual(['metrics.json', 'model.json', 'preprocessing.json', 'signature.json', 'weights.bin']);
    const modelJson = JSON.parse(new TextDecoder().decode(saved.get(ARTIFACT_FILES.model)));
    expect(modelJson).toMatchObject({ format: 'layers-model', weightsManifest: [{ paths: ['weights.bin'] }] });
    expect(saved.get(ARTIFACT_FILES.weights)?.byteLength).toBe(result.parameterCount * 4);
  });

  it('loads back a model whose predictions equal the in-memory model exactly', async () => {
    const loaded = await loadArtifact(recordingCopy());
    try {
      const inMemory = await predictOutputs(result.trained, rows);
      const reloaded = await predictOutputs(loaded, rows);
      const maxAbsDiff = inMemory.reduce((max, value, i) => Math.max(max, Math.abs(value - reloaded[i])), 0);
      expect(maxAbsDiff).toBe(0);
      expect(await predict(loaded, rows.slice(0, 5))).toEqual(await predict(result.trained, rows.slice(0, 5)));
      expect(loaded.preprocessing).toEqual(result.trained.preprocessing);
      expect(loaded.signature).toEqual(result.trained.signature);
      expect(loaded.metrics).toEqual(result.metrics);
    } finally {
      loaded.model.dispose();
    }
  });

  it('predicts labels with class probabilities from raw rows', async () => {
    const [prediction] = await predict(result.trained, [{ ...rows[0], Sex: 'UNKNOWN', 'Body Mass (g)': null }]);
    expect(prediction).toMatchObject({ label: expect.stringMatching(/^(Adelie|Chinstrap|Gentoo)$/) });
    if (!('probabilities' in prediction)) throw new Error('expected class probabilities');
    expect(prediction.probabilities.reduce((sum, p) => sum + p, 0)).toBeCloseTo(1, 5);
  });

  it.each([
    '../weights.bin',
    'sub/weights.bin',
    '..\\weights.bin',
    '/etc/passwd',
    'http://169.254.169.254/latest',
    'file:weights.bin',
    '%2e%2e%2fweights.bin',
    'weights.bin?../x',
    '.weights.bin',
    'preprocessing.json',
  ])('refuses a manifest path %j before reading any weights', async (path) => {
    const store = recordingCopy(editModelJson((json) => (json.weightsManifest[0].paths = [path])));
    await expect(loadArtifact(store)).rejects.toMatchObject({ code: 'invalid_artifact', message: expect.stringMatching(/not a weight file of this artifact/) });
    expect(store.reads).not.toContain(path);
    expect(store.reads).not.toContain(ARTIFACT_FILES.weights);
  });

  it('refuses weights of the wrong size before reading them', async () => {
    const store = recordingCopy((files) => files.set(ARTIFACT_FILES.weights, (files.get(ARTIFACT_FILES.weights) as Uint8Array).subarray(4)));
    await expect(loadArtifact(store)).rejects.toMatchObject({ code: 'invalid_artifact', message: expect.stringMatching(/hold \d+ bytes; the manifest describes \d+/) });
    expect(store.reads).not.toContain(ARTIFACT_FILES.weights);
  });

  it('refuses a manifest that claims more weights than the limit', async () => {
    const store = recordingCopy(editModelJson((json) => (json.weightsManifest[0].weights[0].shape = [100_000, 1000])));
    await expect(loadArtifact(store)).rejects.toMatchObject({ code: 'invalid_artifact' });
    expect(store.reads).not.toContain(ARTIFACT_FILES.weights);
  });

  it('refuses a stored topology with a layer outside the allowlist', async () => {
    const store = recordingCopy(
      editModelJson((json) => {
        const topology = json.modelTopology as { config: { layers: { class_name: string }[] } };
        topology.config.layers[0].class_name = 'MyCustomLayer';
      }),
    );
    await expect(loadArtifact(store)).rejects.toMatchObject({ code: 'invalid_artifact', message: expect.stringMatching(/MyCustomLayer/) });
  });

  it('refuses an artifact without its preprocessing', async () => {
    await expect(loadArtifact(recordingCopy((files) => files.delete(ARTIFACT_FILES.preprocessing)))).rejects.toMatchObject({
      code: 'invalid_artifact',
      message: 'The artifact has no preprocessing.json',
    });
  });
});
