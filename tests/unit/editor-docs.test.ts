/**
 * What editors read beside the code stays in step with it: the published
 * JSON Schemas match the zod schemas, and CONTRIBUTING.md explains every
 * problem code an editor can meet.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES } from '../../src/lib/content/problems.ts';
import { ENTRY_COLLECTIONS } from '../../src/schemas/index.ts';
import { collectionJsonSchemaText, JSON_SCHEMA_DIR } from '../../src/schemas/json.ts';

describe('public/schemas/*.schema.json', () => {
  it.each(ENTRY_COLLECTIONS)('%s is up to date with the zod schema (run npm run schemas)', (collection) => {
    const committed = readFileSync(path.join(JSON_SCHEMA_DIR, `${collection}.schema.json`), 'utf8');
    expect(committed).toBe(collectionJsonSchemaText(collection));
  });

  it('describes every field in Chinese', () => {
    for (const collection of ENTRY_COLLECTIONS) {
      const schema = JSON.parse(collectionJsonSchemaText(collection));
      for (const [key, field] of Object.entries(schema.properties as Record<string, { title?: string; description?: string }>)) {
        expect(field.title, `${collection}.${key}`).toMatch(/\p{Script=Han}/u);
        expect(field.description, `${collection}.${key}`).toMatch(/\p{Script=Han}/u);
      }
    }
  });
});

describe('CONTRIBUTING.md', () => {
  const text = readFileSync('CONTRIBUTING.md', 'utf8');
  const documented = new Set([...text.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]));

  it('has a row for every problem code, and none for codes that do not exist', () => {
    expect([...documented].sort()).toEqual([...PROBLEM_CODES].sort());
  });

  it('names every collection and the commands an editor runs', () => {
    for (const collection of ENTRY_COLLECTIONS) expect(text).toContain(`content/${collection}/`);
    for (const command of ['npm run new', 'npm run check', 'npm run dev', 'npm run build']) expect(text).toContain(command);
  });
});
