import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { features } from '@/entrypoints/ads-manager.content/features';

const FEATURES_DIR = path.resolve(
  import.meta.dirname,
  '../../../entrypoints/ads-manager.content/features',
);

describe('feature registry', () => {
  it('lists every feature file once, under its file name', () => {
    const files = readdirSync(FEATURES_DIR)
      .filter((file) => /\.tsx?$/.test(file) && !file.startsWith('index.'))
      .map((file) => file.replace(/\.tsx?$/, ''))
      .sort();
    expect(features.map((feature) => feature.id).sort()).toEqual(files);
  });
});
