import { bundleArtifact, unbundleArtifact } from './artifact-bundle';

describe('artifact bundles', () => {
  const files = new Map<string, Uint8Array>([
    ['model.json', new TextEncoder().encode('{"modelTopology":{}}')],
    ['weights.bin', new Uint8Array([1, 2, 3, 4, 250])],
    ['empty.json', new Uint8Array()],
  ]);

  it('round-trips every file byte for byte', () => {
    expect(unbundleArtifact(bundleArtifact(files))).toEqual(files);
  });

  it('refuses names that could become paths', () => {
    expect(() => bundleArtifact(new Map([['../model.json', new Uint8Array()]]))).toThrow(/file name/);
    const forged = bundleArtifact(files);
    const tampered = Buffer.from(forged.toString('latin1').replace('"weights.bin"', '"../weights"'), 'latin1');
    expect(() => unbundleArtifact(tampered)).toThrow();
  });

  it('refuses truncated, padded and foreign bytes', () => {
    const bundle = bundleArtifact(files);
    expect(() => unbundleArtifact(bundle.subarray(0, bundle.byteLength - 1))).toThrow(/truncated/);
    expect(() => unbundleArtifact(Buffer.concat([bundle, Buffer.from([0])]))).toThrow(/trailing/);
    expect(() => unbundleArtifact(Buffer.from('PK\u0003\u0004 a zip file'))).toThrow(/not a Galley/);
  });
});
