/**
 * Recordings on classics and buildings (src/lib/content/audio.ts): files made at
 * test time with sox, espeak-ng and opusenc, checked by their bytes.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { classifyFormat, formatDuration, probeAudio, withAudioChecks } from '../../src/lib/content/audio.ts';
import { loadContent } from '../../src/lib/content/load.ts';
import type { Problem } from '../../src/lib/content/problems.ts';
import { emptyWavHeader, m4aSkeleton, speech, tone } from '../helpers/audio.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempDir(prefix = 'content-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

const TRANSCRIPT = '起来！不愿做奴隶的人们！';

/** One audio item; `fields` overrides or removes (undefined) title, credit, license, transcript. */
function audioItem(file: string, fields: Record<string, string | undefined> = {}): string {
  const item = { title: '义勇军进行曲（测试录音）', credit: '测试程序生成', license: 'CC0', transcript: TRANSCRIPT, ...fields };
  const lines = Object.entries(item)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `    ${k}: ${v}\n`);
  return `  - file: ${file}\n${lines.join('')}`;
}

/**
 * A content folder with a classic `march` whose `audio` list is `items`,
 * and the files `make` writes into `classics/march/`.
 */
function classicWith(items: string[], make: (folder: string) => void = () => {}): string {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'classics', 'march'), { recursive: true });
  writeFileSync(path.join(dir, 'classics', 'march.md'), `---\ntitle: 义勇军进行曲\naudio:\n${items.join('')}---\n`);
  make(path.join(dir, 'classics', 'march'));
  return dir;
}

async function problemsOf(dir: string): Promise<Problem[]> {
  return (await withAudioChecks(loadContent(dir))).problems;
}

describe('recordings that can be used', () => {
  it('accepts real MP3, Ogg Vorbis, Opus and WAV files and reads their duration from the bytes', async () => {
    const formats = ['mp3', 'ogg', 'opus', 'wav'] as const;
    const dir = classicWith(
      formats.map((f) => audioItem(`march/tone.${f}`)),
      (folder) => formats.forEach((f) => tone(path.join(folder, `tone.${f}`), f, 2)),
    );
    const content = await withAudioChecks(loadContent(dir));
    expect(content.problems).toEqual([]);
    const [march] = content.classics;
    expect(march.audio.map((a) => [a.index, a.format, a.file])).toEqual(
      formats.map((f, i) => [i, f, `classics/march/tone.${f}`]),
    );
    expect(march.audio[0]).toMatchObject({ title: '义勇军进行曲（测试录音）', credit: '测试程序生成', transcript: TRANSCRIPT });
    for (const audio of march.audio) {
      const probe = await probeAudio(audio.absPath);
      expect(probe.format, audio.file).toBe(audio.format);
      // MP3 pads a frame or two at the ends.
      expect(probe.durationS, audio.file).toBeGreaterThan(1.9);
      expect(probe.durationS, audio.file).toBeLessThan(2.2);
    }
  });

  it('reads synthesised Mandarin speech on a building, and an Ogg file holding Opus', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'buildings', 'baidai'), { recursive: true });
    speech(path.join(dir, 'buildings', 'baidai', 'story.ogg'), '一九三五年，义勇军进行曲在这里录音');
    tone(path.join(dir, 'buildings', 'baidai', 'opus-inside.ogg'), 'opus', 1);
    writeFileSync(
      path.join(dir, 'buildings', 'baidai.md'),
      `---\nname: 百代小楼\nlocation: { lng: 121.44, lat: 31.2 }\naudio:\n${audioItem('baidai/story.ogg')}${audioItem('baidai/opus-inside.ogg')}---\n`,
    );
    const content = await withAudioChecks(loadContent(dir));
    expect(content.problems).toEqual([]);
    expect(content.buildings[0].audio).toHaveLength(2);
    expect((await probeAudio(content.buildings[0].audio[0].absPath)).durationS).toBeGreaterThan(1);
  });
});

describe('M4A (AAC), as phones record it', () => {
  // No free AAC encoder on Debian: a file with the boxes an iPhone voice memo has and no sound frames.
  it('accepts the structure of an .m4a with its duration, and names one saved as .mp3 as mislabelled', async () => {
    const dir = classicWith([audioItem('march/memo.m4a'), audioItem('march/memo.mp3')], (folder) => {
      writeFileSync(path.join(folder, 'memo.m4a'), m4aSkeleton(3));
      writeFileSync(path.join(folder, 'memo.mp3'), m4aSkeleton(3));
    });
    const content = await withAudioChecks(loadContent(dir));
    expect(content.problems).toEqual([
      expect.objectContaining({ code: 'audio-mislabelled', field: 'audio[1].file', message: expect.stringMatching(/扩展名是 \.mp3，文件内容却是 M4A（AAC）/) }),
    ]);
    expect(content.problems[0].hint).toContain('memo.m4a');
    expect(await probeAudio(content.classics[0].audio[0].absPath)).toEqual({ format: 'm4a', description: 'M4A（AAC）', durationS: 3 });
  });
});

describe('recordings that cannot be used', () => {
  const where = (line?: number, field = 'audio[0].file') => ({ file: 'classics/march.md', field, ...(line ? { line } : {}) });

  it('names a WAV file with the .mp3 extension as mislabelled, with the name to use', async () => {
    const dir = classicWith([audioItem('march/song.mp3')], (folder) => tone(path.join(folder, 'song.mp3'), 'wav', 1));
    const problems = await problemsOf(dir);
    expect(problems).toEqual([
      expect.objectContaining({ code: 'audio-mislabelled', severity: 'error', ...where(4), message: expect.stringMatching(/扩展名是 \.mp3，文件内容却是 WAV/) }),
    ]);
    expect(problems[0].hint).toContain('song.wav');
  });

  it('names Ogg Vorbis saved as .opus as mislabelled', async () => {
    const dir = classicWith([audioItem('march/song.opus')], (folder) => tone(path.join(folder, 'song.opus'), 'ogg', 1));
    expect(await problemsOf(dir)).toEqual([
      expect.objectContaining({ code: 'audio-mislabelled', ...where(4), message: expect.stringMatching(/文件内容却是 Ogg Vorbis/) }),
    ]);
  });

  it('refuses a format the site does not serve, by content (FLAC named .ogg) and by extension (.flac)', async () => {
    const dir = classicWith([audioItem('march/song.ogg'), audioItem('march/song.flac')], (folder) => {
      tone(path.join(folder, 'song.ogg'), 'flac', 1);
      tone(path.join(folder, 'song.flac'), 'flac', 1);
    });
    const problems = await problemsOf(dir);
    expect(problems).toEqual([
      expect.objectContaining({ code: 'audio-format', ...where(4), message: expect.stringMatching(/文件内容是 FLAC/) }),
      expect.objectContaining({ code: 'audio-format', ...where(9, 'audio[1].file'), message: expect.stringMatching(/不支持扩展名“\.flac”/) }),
    ]);
  });

  it('reports a zero-length file, a WAV header with no sound and bytes that are not audio', async () => {
    const dir = classicWith(
      [audioItem('march/empty.mp3'), audioItem('march/header.wav'), audioItem('march/noise.ogg')],
      (folder) => {
        writeFileSync(path.join(folder, 'empty.mp3'), '');
        writeFileSync(path.join(folder, 'header.wav'), emptyWavHeader());
        writeFileSync(path.join(folder, 'noise.ogg'), Buffer.from('这不是录音，是一段文字。'.repeat(40)));
      },
    );
    expect(await problemsOf(dir)).toEqual([
      expect.objectContaining({ code: 'audio-empty', ...where(4), message: expect.stringMatching(/empty\.mp3”是空文件（0 字节）/) }),
      expect.objectContaining({ code: 'audio-empty', ...where(9, 'audio[1].file'), message: expect.stringMatching(/没有声音/) }),
      expect.objectContaining({ code: 'audio-format', ...where(14, 'audio[2].file'), message: expect.stringMatching(/不是可识别的音频/) }),
    ]);
  });

  it('refuses a file over 20 MB from its size alone (a sparse file: nothing is written or read)', async () => {
    const dir = classicWith([audioItem('march/long.mp3')], (folder) => {
      writeFileSync(path.join(folder, 'long.mp3'), '');
      truncateSync(path.join(folder, 'long.mp3'), 21 * 1024 * 1024);
    });
    expect(statSync(path.join(dir, 'classics/march/long.mp3')).blocks).toBeLessThan(64);
    expect(await problemsOf(dir)).toEqual([
      expect.objectContaining({ code: 'audio-too-large', ...where(4), message: expect.stringMatching(/有 21\.0 MB，超过上限 20 MB/) }),
    ]);
  });

  it('reports a missing file, and one named in a different case', async () => {
    const dir = classicWith([audioItem('march/song.ogg'), audioItem('march/Tone.ogg')], (folder) =>
      tone(path.join(folder, 'tone.ogg'), 'ogg', 1),
    );
    expect(await problemsOf(dir)).toEqual([
      expect.objectContaining({ code: 'audio-missing', ...where(4), message: expect.stringMatching(/找不到录音文件“march\/song\.ogg”。/) }),
      expect.objectContaining({ code: 'audio-missing', ...where(9, 'audio[1].file'), message: expect.stringMatching(/“tone\.ogg”，只是大小写不同/) }),
    ]);
  });

  it('requires transcript, credit, licence and title, naming audio[i].<field>', async () => {
    const dir = classicWith(
      [
        audioItem('march/a.ogg', { transcript: undefined }),
        audioItem('march/a.ogg', { credit: undefined, license: '" "' }),
        audioItem('march/a.ogg', { title: undefined }),
      ],
      (folder) => tone(path.join(folder, 'a.ogg'), 'ogg', 1),
    );
    const problems = await problemsOf(dir);
    expect(problems.map((p) => [p.code, p.field])).toEqual([
      ['field-required', 'audio[0].transcript'],
      ['field-required', 'audio[1].credit'],
      ['field-invalid', 'audio[1].license'],
      ['field-required', 'audio[2].title'],
    ]);
    expect(problems.every((p) => p.file === 'classics/march.md')).toBe(true);
    expect(problems[0].message).toContain('缺少必填字段“audio[0].transcript”');
    expect(problems[0].hint).toMatch(/文字稿/);
    expect(problems[2].message).toMatch(/许可/);
  });

  it('reads nothing outside the content folder: URLs, absolute paths, ../ and symbolic links out', async () => {
    const outside = tempDir('outside-');
    tone(path.join(outside, 'secret.ogg'), 'ogg', 1);
    const dir = classicWith(
      [
        audioItem('https://example.org/march.mp3'),
        audioItem(path.join(outside, 'secret.ogg')),
        audioItem(`../../${path.basename(outside)}/secret.ogg`),
        audioItem('march/linked.ogg'),
      ],
      (folder) => symlinkSync(path.join(outside, 'secret.ogg'), path.join(folder, 'linked.ogg')),
    );
    // `../../<outside>` from classics/ climbs out of the content folder into the temp folder.
    expect(path.dirname(dir)).toBe(path.dirname(outside));
    const problems = await problemsOf(dir);
    expect(problems.map((p) => [p.code, p.field])).toEqual([
      ['audio-outside', 'audio[0].file'],
      ['audio-outside', 'audio[1].file'],
      ['audio-outside', 'audio[2].file'],
      ['audio-outside', 'audio[3].file'],
    ]);
    expect(problems[0].message).toMatch(/网址或绝对路径/);
    expect(problems[2].message).toMatch(/在内容目录之外/);
    expect(problems[3].message).toMatch(/符号链接/);
    // The link's target (a path on the build machine) is not printed.
    expect(problems[3].message).not.toContain(outside);
  });

  it('does not warn about recordings beside entries as ignored files', () => {
    const dir = classicWith([], () => {});
    writeFileSync(path.join(dir, 'classics', 'march.md'), '---\ntitle: 义勇军进行曲\n---\n');
    writeFileSync(path.join(dir, 'classics', 'loose.ogg'), 'x');
    expect(loadContent(dir).problems).toEqual([]);
  });
});

describe('npm run check with recordings', () => {
  it('exits 1 and reports a mislabelled recording in the terminal and the JSON report', () => {
    const dir = classicWith([audioItem('march/song.mp3')], (folder) => tone(path.join(folder, 'song.mp3'), 'ogg', 1));
    const json = path.join(tempDir('report-'), 'report.json');
    const result = spawnSync(process.execPath, ['scripts/check.ts', '--content', dir, '--json', json], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toContain('classics/march.md:4');
    expect(result.stdout).toContain('[audio-mislabelled]');
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.errors).toEqual([expect.objectContaining({ code: 'audio-mislabelled', field: 'audio[0].file', line: 4 })]);
  });
});

describe('formats and durations', () => {
  it('tells formats apart by container and codec', () => {
    expect(classifyFormat({ container: 'MPEG', codec: 'MPEG 1 Layer 3' }).format).toBe('mp3');
    expect(classifyFormat({ container: 'MPEG', codec: 'MPEG 1 Layer 2' }).format).toBeUndefined();
    expect(classifyFormat({ container: 'M4A/isom/iso2', codec: 'MPEG-4/AAC' }).format).toBe('m4a');
    expect(classifyFormat({ container: 'mp42/isom', codec: 'MPEG-4/AAC' }).format).toBe('m4a');
    expect(classifyFormat({ container: 'isom/iso2/avc1/mp41', codec: 'AVC/H.264', hasVideo: true })).toEqual({ description: 'MP4 视频' });
    expect(classifyFormat({ container: 'EBML/webm', codec: 'OPUS' }).format).toBeUndefined();
  });

  it('writes durations as m:ss', () => {
    expect(formatDuration(0.4)).toBe('0:00');
    expect(formatDuration(65.4)).toBe('1:05');
    expect(formatDuration(154.6)).toBe('2:35');
    expect(formatDuration(3725)).toBe('62:05');
  });
});
