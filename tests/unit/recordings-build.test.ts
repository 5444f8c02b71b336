/**
 * One build of the sample content with two recordings made at test time
 * (tests/helpers/recordings-content.ts): a line of 《义勇军进行曲》 on the
 * classic, reached on the qilai route through its stop 百代小楼, and a
 * spoken story on 聂耳铜像广场, the route's first stop.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, probeAudio } from '../../src/lib/content/audio.ts';
import { decodeQrSvg } from '../helpers/qr.ts';
import { contentWithRecordings, MARCH_LYRIC, MARCH_TITLE, STORY_TITLE, STORY_TRANSCRIPT } from '../helpers/recordings-content.ts';

let contentDir: string;
let outDir: string;
let output = '';
let status: number | null = null;
const page = (file: string) => readFileSync(path.join(outDir, file, 'index.html'), 'utf8');
const SONG_SOURCE = () => path.join(contentDir, 'classics/march-of-the-volunteers/march.ogg');
const STORY_SOURCE = () => path.join(contentDir, 'buildings/nie-er-statue-square/story.mp3');

beforeAll(() => {
  contentDir = contentWithRecordings();
  outDir = mkdtempSync(path.join(tmpdir(), 'site-recordings-'));
  const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', outDir], {
    encoding: 'utf8',
    env: { ...process.env, CONTENT_DIR: contentDir, NO_COLOR: '1' },
  });
  status = result.status;
  output = result.stdout + result.stderr;
}, 300_000);

afterAll(() => {
  rmSync(contentDir, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
});

describe('a site with recordings', () => {
  it('builds, copying each recording byte for byte under a hashed name', () => {
    expect(status, output).toBe(0);
    const files = readdirSync(path.join(outDir, 'audio')).sort();
    expect(files).toEqual([
      expect.stringMatching(/^buildings-nie-er-statue-square-1\.[0-9a-f]{10}\.mp3$/),
      expect.stringMatching(/^classics-march-of-the-volunteers-1\.[0-9a-f]{10}\.ogg$/),
    ]);
    expect(readFileSync(path.join(outDir, 'audio', files[0]))).toEqual(readFileSync(STORY_SOURCE()));
    expect(readFileSync(path.join(outDir, 'audio', files[1]))).toEqual(readFileSync(SONG_SOURCE()));
  });

  it('shows a player that downloads nothing before play, with duration, credit, licence and the transcript', async () => {
    const html = page('classics/march-of-the-volunteers');
    const song = readdirSync(path.join(outDir, 'audio')).find((f) => f.endsWith('.ogg'))!;
    const audioTags = html.match(/<audio[^>]*>/g) ?? [];
    expect(audioTags).toHaveLength(1);
    expect(audioTags[0]).toContain(`src="/audio/${song}"`);
    expect(audioTags[0]).toContain('preload="none"');
    expect(audioTags[0]).toContain('controls');
    expect(audioTags[0]).not.toContain('autoplay');
    const { durationS } = await probeAudio(SONG_SOURCE());
    expect(html).toContain(`时长 ${formatDuration(durationS!)}`);
    expect(html).toContain(MARCH_TITLE);
    expect(html).toContain('测试程序用 espeak-ng 合成 · 许可：CC0');
    expect(html).toMatch(new RegExp(`<details class="transcript"[^>]*><summary[^>]*>文字稿</summary><p[^>]*>起来！不愿做奴隶的人们！\\n${MARCH_LYRIC}！</p></details>`));
    // The recording's own page lets search index the transcript (no data-pagefind-ignore on it).
    expect(html).not.toMatch(/<details class="transcript" data-pagefind-ignore/);
    expect(html).toContain('id="recording-1"');
    expect(page('buildings/nie-er-statue-square')).toContain(STORY_TRANSCRIPT);
  });

  it('marks the route stops that have recordings and puts their players in the stop list', () => {
    const html = page('routes/qilai-awakening-route');
    const stops = html.split('<li').filter((li) => li.includes('class="number"'));
    expect(stops).toHaveLength(4);
    const marked = stops.map((li) => /role="img" aria-label="这一站有录音可听"[^>]*>🎧</.test(li));
    // Stop 1 has its own story; stop 4, 百代小楼, the song linked to it.
    expect(marked).toEqual([true, false, false, true]);
    expect(stops[0]).toContain(STORY_TITLE);
    expect(stops[3]).toContain(MARCH_TITLE);
    expect(stops[3]).toMatch(/<audio controls preload="none" src="\/audio\/classics-march-of-the-volunteers-1\./);
    // The stop list's transcripts stay out of the index: the lyric finds the song, not every route.
    expect(stops[3]).toMatch(/<details class="transcript" data-pagefind-ignore="all"/);
  });

  it('saves the recordings with the route, saying their size before saving', () => {
    const html = page('routes/qilai-awakening-route');
    const list = JSON.parse(/data-offline-save="([^"]*)"/.exec(html)![1].replaceAll('&quot;', '"')) as string[];
    const recordings = list.filter((u) => u.startsWith('/audio/'));
    expect(recordings.sort()).toEqual(readdirSync(path.join(outDir, 'audio')).map((f) => `/audio/${f}`).sort());
    const bytes = readFileSync(SONG_SOURCE()).length + readFileSync(STORY_SOURCE()).length;
    expect(html).toContain(`还会保存经停点的 2 段录音，共 ${formatBytes(bytes)}`);
    expect(readFileSync(path.join(outDir, 'sw.js'), 'utf8')).toContain('/audio/classics-march-of-the-volunteers-1.');
  });

  it('gives the worksheet a 听一听 task per recording, with a QR code to the player and the transcript', () => {
    const html = page('routes/qilai-awakening-route/worksheet');
    const tasks = html.split('<div class="ws-listen"').slice(1);
    expect(tasks).toHaveLength(2);
    expect(tasks[1]).toContain(`听一听：</strong>${MARCH_TITLE}`);
    expect(tasks[1]).toContain(MARCH_LYRIC);
    const svg = /<svg[\s\S]*?<\/svg>/.exec(tasks[1])![0];
    expect(decodeQrSvg(svg)).toBe('https://example.org/classics/march-of-the-volunteers/#recording-1');
    expect(decodeQrSvg(/<svg[\s\S]*?<\/svg>/.exec(tasks[0])![0])).toBe('https://example.org/buildings/nie-er-statue-square/#recording-1');
  });
});
