/**
 * Every page of the built sample site is valid HTML: one run of the W3C Nu
 * Html Checker (the `vnu-jar` package; Java from Debian's
 * default-jre-headless) over the whole site finds no error. Warnings are
 * not counted.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { expect, inject, test } from 'vitest';

const siteDir = inject('siteDir');
const VNU_JAR = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');

interface VnuMessage {
  type: string;
  url?: string;
  lastLine?: number;
  message: string;
  extract?: string;
}

/** HTML files of the site, so the test knows the checker had something to read. */
function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.html'));
}

function describeMessage(m: VnuMessage): string {
  const file = m.url ? path.relative(siteDir, new URL(m.url).pathname) : '(site)';
  const extract = m.extract ? `\n    ${m.extract.replace(/\s+/g, ' ').trim().slice(0, 160)}` : '';
  return `${file}:${m.lastLine ?? '?'} ${m.message}${extract}`;
}

test('every built page passes the Nu Html Checker with no error', () => {
  expect(htmlFiles(siteDir).length, 'HTML pages in the built site').toBeGreaterThan(10);
  const run = spawnSync('java', ['-jar', VNU_JAR, '--skip-non-html', '--errors-only', '--format', 'json', siteDir], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) {
    throw new Error(`Java did not start (${run.error.message}). Install it with: apt-get install -y default-jre-headless`);
  }
  // vnu writes its JSON report to stderr, and exits 1 when it found errors.
  let messages: VnuMessage[];
  try {
    messages = (JSON.parse(run.stderr) as { messages: VnuMessage[] }).messages;
  } catch {
    throw new Error(`The Nu Html Checker did not report (exit ${run.status}):\n${run.stderr.slice(0, 2000)}`);
  }
  const errors = messages.filter((m) => m.type === 'error' || m.type === 'non-document-error');
  expect(errors.map(describeMessage), 'HTML errors').toEqual([]);
}, 180_000);
