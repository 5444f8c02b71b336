/**
 * Recordings in the real service worker (src/offline/service-worker.js, as
 * the build writes it), run in a VM with an in-memory Cache Storage and a
 * network that can be switched off: a saved recording answers the Range
 * requests audio players make with 206 and the right bytes, an unsaved one
 * comes from the network and is not stored, and a new build's worker
 * carries saved recordings over.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { serviceWorkerSource } from '../../../src/integrations/offline.ts';
import { offlineConfig } from '../../../src/lib/learners/offline.ts';

const ORIGIN = 'https://site.test';
const SONG = '/audio/classics-march-1.aaaaaaaaaa.ogg';
const SONG_NEW = '/audio/classics-march-1.bbbbbbbbbb.ogg';
const STORY = '/audio/buildings-statue-1.cccccccccc.mp3';
const bytes = (n: number, seed: number): Uint8Array<ArrayBuffer> => Uint8Array.from({ length: n }, (_, i) => (i * 7 + seed) % 256);

/** A shared in-memory Cache Storage: cache name → URL → stored response. */
type Store = Map<string, Map<string, Response>>;

function cacheStorage(store: Store) {
  const open = async (name: string) => {
    if (!store.has(name)) store.set(name, new Map());
    const entries = store.get(name)!;
    const keyOf = (r: Request | string) => new URL(typeof r === 'string' ? r : r.url, ORIGIN).href;
    return {
      match: async (r: Request | string) => entries.get(keyOf(r))?.clone(),
      put: async (r: Request | string, response: Response) => void entries.set(keyOf(r), response.clone()),
      addAll: async () => {},
      keys: async () => [...entries.keys()].map((url) => new Request(url)),
    };
  };
  return {
    open,
    keys: async () => [...store.keys()],
    delete: async (name: string) => store.delete(name),
  };
}

interface Worker {
  /** Sends a fetch event; resolves with the worker's response, or undefined when it let the browser handle it. */
  fetch(path: string, headers?: Record<string, string>): Promise<Response | undefined>;
  /** Sends the "保存离线使用" message and waits for the reply. */
  save(paths: string[]): Promise<{ cached: number; failed: string[] }>;
  install(): Promise<void>;
  /** URLs the worker fetched from the network. */
  fetched: string[];
  online: boolean;
}

/** Starts the worker of a build that publishes `files` (path → bytes). */
function startWorker(store: Store, files: Record<string, Uint8Array<ArrayBuffer>>, version: string): Worker {
  const handlers: Record<string, (event: unknown) => void> = {};
  const worker: Worker = {
    fetched: [],
    online: true,
    async fetch(path, headers = {}) {
      let responded: Promise<Response> | undefined;
      handlers.fetch({ request: new Request(ORIGIN + path, { headers }), respondWith: (p: Promise<Response>) => (responded = p) });
      return responded;
    },
    async save(paths) {
      let waited: Promise<unknown> | undefined;
      const reply = new Promise<{ cached: number; failed: string[] }>((resolve) => {
        handlers.message({ data: { type: 'cache', urls: paths, full: true }, ports: [{ postMessage: resolve }], waitUntil: (p: Promise<unknown>) => (waited = p) });
      });
      await waited;
      return reply;
    },
    async install() {
      let waited: Promise<unknown> | undefined;
      handlers.install({ waitUntil: (p: Promise<unknown>) => (waited = p) });
      await waited;
    },
  };
  const network = async (input: Request | string) => {
    const url = new URL(typeof input === 'string' ? input : input.url, ORIGIN);
    worker.fetched.push(url.pathname);
    if (!worker.online) throw new TypeError('Failed to fetch');
    const body = files[url.pathname];
    return body ? new Response(body, { headers: { 'Content-Type': 'audio/ogg' } }) : new Response('not found', { status: 404 });
  };
  const self = {
    addEventListener: (type: string, handler: (event: unknown) => void) => (handlers[type] = handler),
    skipWaiting: async () => {},
    clients: { claim: async () => {} },
  };
  const config = { version, base: '/', assets: [], pages: {}, recordings: Object.keys(files).filter((f) => f.startsWith('/audio/')) };
  const context = createContext({
    self,
    caches: cacheStorage(store),
    fetch: network,
    location: new URL(`${ORIGIN}/`),
    Response,
    Request,
    Headers,
    URL,
    setTimeout,
    console,
  });
  runInContext(serviceWorkerSource(config), context);
  return worker;
}

async function body(response: Response | undefined): Promise<number[]> {
  return [...new Uint8Array(await response!.arrayBuffer())];
}

describe('recordings in the service worker', () => {
  const song = bytes(5000, 1);

  it('answers Range requests for a saved recording from the cache with 206 and the asked bytes, offline', async () => {
    const worker = startWorker(new Map(), { [SONG]: song }, 'v1');
    expect(await worker.save([SONG])).toEqual({ cached: 1, failed: [] });
    worker.online = false;
    worker.fetched.length = 0;

    const middle = await worker.fetch(SONG, { Range: 'bytes=100-199' });
    expect(middle!.status).toBe(206);
    expect(middle!.headers.get('Content-Range')).toBe('bytes 100-199/5000');
    expect(middle!.headers.get('Content-Length')).toBe('100');
    expect(middle!.headers.get('Content-Type')).toBe('audio/ogg');
    expect(await body(middle)).toEqual([...song.slice(100, 200)]);

    // What a player asks first: from the start, open-ended.
    const start = await worker.fetch(SONG, { Range: 'bytes=0-' });
    expect(start!.status).toBe(206);
    expect(start!.headers.get('Content-Range')).toBe('bytes 0-4999/5000');
    expect(await body(start)).toEqual([...song]);

    const tail = await worker.fetch(SONG, { Range: 'bytes=-10' });
    expect(tail!.headers.get('Content-Range')).toBe('bytes 4990-4999/5000');
    expect(await body(tail)).toEqual([...song.slice(4990)]);

    const past = await worker.fetch(SONG, { Range: 'bytes=5000-' });
    expect(past!.status).toBe(416);
    expect(past!.headers.get('Content-Range')).toBe('bytes */5000');

    const whole = await worker.fetch(SONG);
    expect(whole!.status).toBe(200);
    expect(await body(whole)).toEqual([...song]);
    expect(worker.fetched).toEqual([]);
  });

  it('streams a recording that was not saved from the network, without storing it', async () => {
    const store: Store = new Map();
    const worker = startWorker(store, { [SONG]: song }, 'v1');
    const response = await worker.fetch(SONG, { Range: 'bytes=0-' });
    expect(response!.status).toBe(200);
    expect(worker.fetched).toEqual([SONG]);
    expect([...store.values()].every((cache) => cache.size === 0)).toBe(true);
    worker.online = false;
    await expect(worker.fetch(SONG, { Range: 'bytes=0-' })).rejects.toThrow();
  });

  it('leaves other Range requests (PMTiles basemaps) to the browser', async () => {
    const worker = startWorker(new Map(), { [SONG]: song }, 'v1');
    expect(await worker.fetch('/tiles/xuhui.pmtiles', { Range: 'bytes=0-16383' })).toBeUndefined();
  });

  it('carries saved recordings into a new build: unchanged ones copied, changed ones fetched anew', async () => {
    const store: Store = new Map();
    const story = bytes(300, 2);
    const first = startWorker(store, { [SONG]: song, [STORY]: story }, 'v1');
    await first.save([SONG, STORY]);

    const newSong = bytes(4000, 3);
    const second = startWorker(store, { [SONG_NEW]: newSong, [STORY]: story }, 'v2');
    await second.install();
    // Only the changed recording went over the network.
    expect(second.fetched).toEqual([SONG_NEW]);
    second.online = false;
    const changed = await second.fetch(SONG_NEW, { Range: 'bytes=0-' });
    expect(changed!.status).toBe(206);
    expect(await body(changed)).toEqual([...newSong]);
    expect(await body(await second.fetch(STORY, { Range: 'bytes=0-' }))).toEqual([...story]);
  });
});

describe('offlineConfig', () => {
  it('lists the recordings of the build under the base path, for the worker to carry over', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'offline-audio-'));
    try {
      mkdirSync(path.join(dir, 'audio'));
      writeFileSync(path.join(dir, 'index.html'), '<h1>首页</h1>');
      writeFileSync(path.join(dir, 'audio', 'classics-march-1.aaaaaaaaaa.ogg'), 'OggS');
      expect(offlineConfig(dir, '/red/').recordings).toEqual(['/red/audio/classics-march-1.aaaaaaaaaa.ogg']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
