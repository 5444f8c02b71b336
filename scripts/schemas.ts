/**
 * npm run schemas: writes public/schemas/<collection>.schema.json from the
 * zod schemas. Run it after changing a schema; a unit test fails while the
 * committed files are out of date.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { collectionJsonSchemaText, JSON_SCHEMA_DIR } from '../src/schemas/json.ts';
import { ENTRY_COLLECTIONS } from '../src/schemas/index.ts';

mkdirSync(JSON_SCHEMA_DIR, { recursive: true });
for (const collection of ENTRY_COLLECTIONS) {
  const file = path.join(JSON_SCHEMA_DIR, `${collection}.schema.json`);
  writeFileSync(file, collectionJsonSchemaText(collection));
  console.log(`已写入 ${file}`);
}
