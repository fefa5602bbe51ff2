// The speaker model's file and arithmetic: a stale or malformed model refuses to load with a clear message,
// calibration is monotone, the isotonic fit pools violators; the committed model loads and is small.
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FEATURE_VERSION } from '../../src/pipeline/speakers/features.js';
import { calibrate, MODEL_PATH, parseModel, softmax, speakerModel } from '../../src/pipeline/speakers/model.js';
import { isotonic } from '../../src/pipeline/speakers/train.js';
import { ece, reliability, reliabilitySvg } from '../../src/eval/calibration.js';

describe('speaker model file', () => {
  it('refuses a model of another feature version, naming both versions and the fix', () => {
    const stale = { ...speakerModel(), featureVersion: FEATURE_VERSION - 1 };
    expect(() => parseModel(stale, 'old.json')).toThrow(
      `old.json: speaker model has feature version ${FEATURE_VERSION - 1}, this code computes version ${FEATURE_VERSION}: retrain it with \`quotegraph train speakers\``,
    );
  });

  it('refuses a malformed model, naming the field', () => {
    const bad = { ...speakerModel(), keep: { bias: 0, weights: {}, threshold: 2 } };
    expect(() => parseModel(bad, 'bad.json')).toThrow(/bad\.json: not a speaker model: keep\.threshold/u);
  });

  it('is committed, small, and carries its provenance', () => {
    expect(statSync(MODEL_PATH).size).toBeLessThan(1024 * 1024);
    const m = speakerModel();
    expect(m.provenance).toMatchObject({ seed: expect.any(Number), articles: expect.any(Number), cv: expect.anything() });
    expect(Object.keys(m.ranker.weights).length).toBeGreaterThan(100);
  });
});

describe('scoring arithmetic', () => {
  it('softmax leaves unavailable candidates at zero', () => {
    const p = softmax([1, -Infinity, 1]);
    expect(p).toEqual([0.5, 0, 0.5]);
  });

  it('isotonic pools violators into an increasing step function', () => {
    const fit = isotonic([[0.1, false], [0.2, true], [0.3, false], [0.9, true]]);
    expect(fit.y).toEqual([0, 0.5, 1]);
    expect(fit.x).toEqual([0.1, 0.25, 0.9]);
    for (let i = 1; i < fit.y.length; i++) expect(fit.y[i]).toBeGreaterThanOrEqual(fit.y[i - 1]);
  });

  it('calibration interpolates between knots and clamps outside them', () => {
    const cal = { x: [0.2, 0.6], y: [0.1, 0.9] };
    expect(calibrate(cal, 0.1)).toBe(0.1);
    expect(calibrate(cal, 0.4)).toBeCloseTo(0.5);
    expect(calibrate(cal, 0.99)).toBe(0.9);
  });

  it('ECE weighs each bin\'s gap by its count; the diagram is an SVG', () => {
    const pts: [number, boolean][] = [[0.95, true], [0.95, true], [0.95, false], [0.15, false]];
    // bin 9: confidence 0.95, right 2/3; bin 1: 0.15 vs 0
    expect(ece(pts)).toBeCloseTo((3 / 4) * Math.abs(2 / 3 - 0.95) + (1 / 4) * 0.15);
    expect(reliability(pts).filter((b) => b.n).map((b) => b.n)).toEqual([1, 3]);
    expect(reliabilitySvg(pts, 'test')).toMatch(/^<svg[\s\S]*<\/svg>\n$/u);
  });
});
