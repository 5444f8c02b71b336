/**
 * Recordings on a phone (390×844). The sample content ships no audio, so
 * this file builds its own site once: the sample content with two
 * recordings synthesised at test time (tests/helpers/recordings-content.ts),
 * served like a static host. The player downloads nothing before play,
 * "保存离线使用" makes it play with the network off, search finds a line of
 * the transcript, and the pages stay quiet (no console error, no axe
 * violation, no extra JavaScript).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contentWithRecordings, MARCH_LYRIC, MARCH_TITLE } from '../helpers/recordings-content.ts';
import { formatViolations, launchBrowser, PHONE, runAxe, watchPage } from './browser.ts';
import { serveStatic, type StaticServer } from './server.ts';

const ROUTE = 'routes/qilai-awakening-route/';
const CLASSIC = 'classics/march-of-the-volunteers/';

let contentDir: string;
let siteDir: string;
let server: StaticServer;
let browser: Browser;

async function build(content: string, outDir: string): Promise<void> {
  // A test worker's environment carries Vitest's import.meta.env (MODE=test…), which would leak into
  // the build and leave out the service worker's registration: build as globalSetup does, without it.
  const { MODE, DEV, PROD, SSR, BASE_URL, ...env } = process.env;
  const child = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', outDir], {
    env: { ...env, CONTENT_DIR: content, BASE_PATH: '/', NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (code !== 0) throw new Error(`the site with recordings did not build (exit ${code}):\n${output.slice(-4000)}`);
}

beforeAll(async () => {
  contentDir = contentWithRecordings();
  siteDir = path.join(mkdtempSync(path.join(tmpdir(), 'site-recordings-')), 'dist');
  await build(contentDir, siteDir);
  server = await serveStatic({ root: siteDir, basePath: '/' });
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (contentDir) rmSync(contentDir, { recursive: true, force: true });
  if (siteDir) rmSync(path.dirname(siteDir), { recursive: true, force: true });
});

const at = (page: string) => new URL(page, server.url).href;

/** A fresh phone (its own cache and service worker), closed after `use`. */
async function withPhone(use: (context: BrowserContext) => Promise<void>): Promise<void> {
  const context = await browser.newContext(PHONE);
  try {
    await use(context);
  } finally {
    await context.close();
  }
}

/** Every request the page makes for a recording, as `METHOD path`. */
function recordAudioRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/audio/')) seen.push(`${request.method()} ${pathname}`);
  });
  return seen;
}

/** Presses play on the player of `title` and resolves when it is playing and its time has moved on. */
async function playAndListen(page: Page, title: string): Promise<number> {
  const player = page.locator(`audio[aria-label="录音：${title}"]`).first();
  await player.scrollIntoViewIfNeeded();
  // A real tap first: browsers let a page start sound only after the visitor touched it.
  await page.locator('h1').tap();
  return player.evaluate(
    (audio: HTMLAudioElement) =>
      new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no playback: readyState ${audio.readyState}, error ${audio.error?.code}`)), 20_000);
        audio.addEventListener('error', () => reject(new Error(`media error ${audio.error?.code}`)));
        audio.addEventListener('playing', () => {
          const started = audio.currentTime;
          const check = () => {
            if (audio.currentTime > started + 0.2) {
              clearTimeout(timer);
              resolve(audio.currentTime);
            } else setTimeout(check, 50);
          };
          check();
        });
        audio.play().catch(reject);
      }),
  );
}

describe('the player', () => {
  test('downloads nothing before play, then plays the recording', async () => {
    await withPhone(async (context) => {
      const page = await context.newPage();
      const watch = await watchPage(page, server.origin);
      const audio = recordAudioRequests(page);
      await page.goto(at(CLASSIC), { waitUntil: 'networkidle' });
      await page.locator('audio').scrollIntoViewIfNeeded();
      await page.locator('summary', { hasText: '文字稿' }).tap();
      await page.waitForLoadState('networkidle');
      expect(audio, 'requests for the recording before play').toEqual([]);

      expect(await playAndListen(page, MARCH_TITLE)).toBeGreaterThan(0.2);
      expect(audio.length).toBeGreaterThan(0);
      expect(audio.every((r) => /^GET \/audio\/classics-march-of-the-volunteers-1\.[0-9a-f]{10}\.ogg$/.test(r))).toBe(true);
      expect(watch.errors, 'console errors').toEqual([]);
      expect(watch.failed).toEqual([]);
    });
  });

  test('pages with a player load no JavaScript for it before interaction', async () => {
    await withPhone(async (context) => {
      const page = await context.newPage();
      const scriptsOf = async (url: string) => {
        await page.goto(url, { waitUntil: 'networkidle' });
        return page.evaluate(() =>
          performance
            .getEntriesByType('resource')
            .map((e) => new URL(e.name).pathname)
            .filter((p) => p.endsWith('.js') && !p.endsWith('/sw.js'))
            .map((p) => p.replace(/\.[\w-]{8}\.js$/, '.js'))
            .sort(),
        );
      };
      // A classic page with a player loads no script at all, as one without.
      expect(await scriptsOf(at(CLASSIC))).toEqual([]);
      // A route page with players in its stop list loads what a route page without recordings loads.
      const withPlayers = await scriptsOf(at(ROUTE));
      const without = await scriptsOf(at('routes/wukang-wuyuan-demo/'));
      expect(withPlayers).toEqual(without);
    });
  });

  test('the classic and route pages have no axe violation, transcript open or closed', async () => {
    await withPhone(async (context) => {
      const page = await context.newPage();
      const watch = await watchPage(page, server.origin);
      for (const url of [at(CLASSIC), at(ROUTE), at(`${ROUTE}worksheet/`)]) {
        await page.goto(url, { waitUntil: 'load' });
        let violations = await runAxe(page);
        expect(violations.map((v) => v.id), `axe on ${url}:\n${formatViolations(violations)}`).toEqual([]);
        await page.evaluate(() => document.querySelectorAll('details.transcript').forEach((d) => ((d as HTMLDetailsElement).open = true)));
        violations = await runAxe(page);
        expect(violations.map((v) => v.id), `axe on ${url}, transcripts open:\n${formatViolations(violations)}`).toEqual([]);
      }
      expect(watch.errors, 'console errors').toEqual([]);
    });
  });
});

describe('offline', () => {
  test('after 保存离线使用 the route plays its recordings with the network off', async () => {
    await withPhone(async (context) => {
      const page = await context.newPage();
      const watch = await watchPage(page, server.origin);
      await page.goto(at(ROUTE), { waitUntil: 'load' });
      await page.evaluate(async () => void (await navigator.serviceWorker.ready));
      // The size of what will be stored is said before saving.
      await expect.poll(() => page.locator('.offline-save').isVisible()).toBe(true);
      expect(await page.locator('.offline-save').textContent()).toMatch(/还会保存经停点的 2 段录音，共 \d+ KB/);
      await page.getByRole('button', { name: '保存离线使用' }).click();
      const status = page.locator('.offline-save [role="status"]');
      await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/^已保存 \d+ 个文件。.*也能收听经停点的 2 段录音。$/);

      await context.setOffline(true);
      await page.reload({ waitUntil: 'load' });
      expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
      expect(await playAndListen(page, MARCH_TITLE)).toBeGreaterThan(0.2);
      expect(watch.errors, 'console errors').toEqual([]);
    });
  });
});

describe('search', () => {
  test('a line of the lyrics finds the song', async () => {
    await withPhone(async (context) => {
      const page = await context.newPage();
      await page.goto(at(`search/?q=${encodeURIComponent(MARCH_LYRIC.split('，')[1])}`), { waitUntil: 'load' });
      await page.waitForFunction(() => /找到/.test(document.querySelector('#search-status')?.textContent ?? ''));
      const found = await page.$$eval('#search-results a', (links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      expect(found[0]).toBe(`/${CLASSIC}`);
      // Route pages repeat the recording in their stop list, but not for search.
      expect(found).not.toContain(`/${ROUTE}`);
    });
  });
});
