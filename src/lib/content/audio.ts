/**
 * Recordings on classics and buildings (音乐党课, spoken stories). Two steps,
 * because reading an audio file's real format is asynchronous:
 *
 * 1. `checkAudio` (synchronous, inside the loader, like src/lib/content/images.ts):
 *    each `audio[i].file` is beside the entry, inside the content folder
 *    (no URL, no absolute path, no `../`, no symbolic link out of it), exists
 *    with exactly that name, has an extension we serve, is not empty and not
 *    over 20 MB.
 * 2. `withAudioChecks` (asynchronous, called by `npm run check` and by the
 *    build before it reports): music-metadata reads each file's container,
 *    codec and duration from its bytes, never from its name, so a WAV renamed
 *    to .mp3 or a file with no sound is a clear message, not a silent player.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseBuffer } from 'music-metadata';
import { type EntryRef, exactName, insideContent, isInside, toPosix } from './files.ts';
import type { Content, EntryAudio } from './model.ts';
import { problem, sortProblems, type Problem } from './problems.ts';

/** Learners stream and save recordings over a phone connection. */
export const AUDIO_MAX_MB = 20;

export type AudioFormat = 'mp3' | 'm4a' | 'ogg' | 'opus' | 'wav';

interface FormatInfo {
  /** What editors call it in messages. */
  name: string;
  /** The MIME type browsers and static hosts use for the extension. */
  mime: string;
}

export const AUDIO_FORMATS: Record<AudioFormat, FormatInfo> = {
  mp3: { name: 'MP3', mime: 'audio/mpeg' },
  m4a: { name: 'M4A（AAC）', mime: 'audio/mp4' },
  ogg: { name: 'Ogg Vorbis', mime: 'audio/ogg' },
  opus: { name: 'Opus', mime: 'audio/ogg' },
  wav: { name: 'WAV', mime: 'audio/wav' },
};

/** Extensions of recordings that may sit beside entries, with the dot. */
export const AUDIO_EXTENSIONS = new Set(Object.keys(AUDIO_FORMATS).map((f) => `.${f}`));

type Where = { file: string; line?: number; field: string };

/**
 * The usable recordings of an entry from its raw frontmatter `audio` value;
 * a problem for each file that cannot be used. Items without a string
 * `file` are left to the schema (`field-required`), as are missing title,
 * credit, licence and transcript.
 *
 * @example
 * checkAudio(fm.data.audio, { root, collection: 'classics', id: 'a', file: 'classics/a.md', absPath, lineOf }, problems)
 */
export function checkAudio(value: unknown, entry: EntryRef, problems: Problem[]): EntryAudio[] {
  if (!Array.isArray(value)) return [];
  const found: EntryAudio[] = [];
  value.forEach((item, index) => {
    if (!item || typeof item !== 'object' || typeof (item as { file?: unknown }).file !== 'string') return;
    const audio = item as Record<string, unknown> & { file: string };
    const field = `audio[${index}].file`;
    const where = { file: entry.file, line: entry.lineOf(field), field };
    let checked: { absPath: string; bytes: number } | undefined;
    try {
      checked = checkAudioFile(audio.file, entry, where, problems);
    } catch (error) {
      // A folder the checker may not read is a problem to report, not a crash.
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      problems.push(problem('file-unreadable', where, { reason: `${audio.file}：${code}` }));
    }
    if (!checked) return;
    const text = (key: string) => (typeof audio[key] === 'string' ? (audio[key] as string).trim() : '');
    found.push({
      index,
      src: audio.file,
      file: toPosix(path.relative(entry.root, checked.absPath)),
      absPath: checked.absPath,
      format: path.extname(audio.file).toLowerCase().slice(1) as AudioFormat,
      bytes: checked.bytes,
      title: text('title'),
      credit: text('credit'),
      license: text('license'),
      transcript: text('transcript'),
    });
  });
  return found;
}

/** The recording's absolute path and size when it is usable; otherwise one problem and undefined. */
function checkAudioFile(
  src: string,
  entry: EntryRef,
  where: Where,
  problems: Problem[],
): { absPath: string; bytes: number } | undefined {
  const name = path.posix.basename(src.replaceAll('\\', '/')) || 'recording.mp3';
  const examples = { example: `${entry.collection}/${entry.id}/${name}`, exampleSrc: `${entry.id}/${name}` };
  const absPath = resolveInside(src, entry);
  if (typeof absPath !== 'string') {
    problems.push(problem('audio-outside', where, { src, reason: absPath.reason, ...examples }));
    return undefined;
  }
  const ext = path.extname(src).toLowerCase();
  if (!AUDIO_EXTENSIONS.has(ext)) {
    problems.push(problem('audio-format', where, { src, reason: `不支持扩展名“${path.extname(src) || '（无）'}”。` }));
    return undefined;
  }
  const actualName = exactName(absPath);
  if (actualName !== path.basename(absPath)) {
    problems.push(problem('audio-missing', where, { src, actual: actualName, ...examples }));
    return undefined;
  }
  const bytes = statSync(absPath).size;
  if (bytes === 0) {
    problems.push(problem('audio-empty', where, { src, reason: '是空文件（0 字节）。' }));
    return undefined;
  }
  if (bytes > AUDIO_MAX_MB * 1024 * 1024) {
    problems.push(problem('audio-too-large', where, { src, sizeMB: (bytes / 1024 / 1024).toFixed(1), limitMB: AUDIO_MAX_MB }));
    return undefined;
  }
  return { absPath, bytes };
}

/**
 * A small resolver for files an entry names: the absolute path when `src`
 * stays inside the content folder, following symbolic links; otherwise why
 * not.
 */
function resolveInside(src: string, entry: EntryRef): string | { reason: string } {
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('/') || src.startsWith('\\') || path.isAbsolute(src)) {
    return { reason: '是网址或绝对路径' };
  }
  const absPath = path.resolve(path.dirname(entry.absPath), src);
  if (!isInside(entry.root, absPath)) return { reason: '在内容目录之外' };
  // A link anywhere on the way (the file or a folder) must not lead out of the content folder.
  if (existsSync(absPath) && !insideContent(entry.root, absPath)) {
    return { reason: '是指向内容目录之外的符号链接' };
  }
  return absPath;
}

/** What music-metadata found in a file's bytes. */
export interface AudioProbe {
  /** The format it really is, when it is one the site serves. */
  format?: AudioFormat;
  /** The real format in words, for messages (`WAV`, `FLAC`, `Ogg（Vorbis I）`). */
  description: string;
  /** Seconds of sound; undefined or 0 when the file holds none. */
  durationS?: number;
}

/** ISO base media brands (ftyp) of MPEG-4 files; `qt` (QuickTime) is not among them. */
const MP4_BRANDS = /^(M4A|M4B|M4P|isom|iso\d|mp4\d|mp71|dash|3gp\d|3g2\w|avc1|f4a|f4v|MSNV)$/;

/**
 * The real format of a file from what music-metadata read.
 *
 * @example
 * classifyFormat({ container: 'WAVE', codec: 'PCM' })        // { format: 'wav', description: 'WAV' }
 * classifyFormat({ container: 'Ogg', codec: 'Opus' })        // { format: 'opus', description: 'Opus' }
 * classifyFormat({ container: 'FLAC', codec: 'FLAC' })       // { format: undefined, description: 'FLAC' }
 */
export function classifyFormat(found: { container?: string; codec?: string; hasVideo?: boolean }): Omit<AudioProbe, 'durationS'> {
  const container = found.container ?? '';
  const codec = found.codec ?? '';
  if (container === 'WAVE') return { format: 'wav', description: 'WAV' };
  if (container === 'MPEG' && /Layer 3/.test(codec)) return { format: 'mp3', description: 'MP3' };
  if (container === 'Ogg' && codec === 'Opus') return { format: 'opus', description: 'Opus' };
  if (container === 'Ogg' && codec.startsWith('Vorbis')) return { format: 'ogg', description: 'Ogg Vorbis' };
  const brands = container.split('/');
  if (brands.some((b) => MP4_BRANDS.test(b))) {
    if (!found.hasVideo && /AAC|ALAC/.test(codec)) return { format: 'm4a', description: 'M4A（AAC）' };
    return { description: found.hasVideo ? 'MP4 视频' : `MP4（${codec || '未知编码'}）` };
  }
  return { description: [container, codec].filter(Boolean).join('，') || '未知格式' };
}

/** An .ogg file may hold Opus too: browsers play both. */
function extensionFits(ext: AudioFormat, real: AudioFormat): boolean {
  return ext === real || (ext === 'ogg' && real === 'opus');
}

const probes = new Map<string, Promise<AudioProbe>>();

/**
 * Reads a file's real format and duration from its bytes (music-metadata,
 * given no file name so it cannot go by the extension). Cached per file
 * version, so the checker and every page that shows the player read it once.
 * Rejects when the bytes are not audio music-metadata recognises.
 *
 * @example
 * await probeAudio('/content/classics/march/march.ogg') // { format: 'ogg', description: 'Ogg Vorbis', durationS: 154.2 }
 */
export function probeAudio(absPath: string): Promise<AudioProbe> {
  const { size, mtimeMs } = statSync(absPath);
  const key = `${absPath}\0${size}\0${mtimeMs}`;
  let probe = probes.get(key);
  if (!probe) {
    probe = (async () => {
      const { format } = await parseBuffer(readFileSync(absPath), { size }, { duration: true, skipCovers: true });
      return { ...classifyFormat(format), durationS: format.duration };
    })();
    probes.set(key, probe);
  }
  return probe;
}

/**
 * The problems of one recording's bytes: not audio, a format the site does
 * not serve, an extension that lies about the format, no sound.
 */
export async function audioFileProblems(audio: EntryAudio, where: Where): Promise<Problem[]> {
  let probe: AudioProbe;
  try {
    probe = await probeAudio(audio.absPath);
  } catch {
    const reason = '文件内容不是可识别的音频（可能已损坏、不完整，或是改了扩展名的其他文件）。';
    return [problem('audio-format', where, { src: audio.src, reason })];
  }
  if (!probe.format) {
    return [problem('audio-format', where, { src: audio.src, reason: `文件内容是 ${probe.description}，网站不支持这种格式。` })];
  }
  if (!extensionFits(audio.format, probe.format)) {
    const rename = `${audio.src.slice(0, -path.extname(audio.src).length)}.${probe.format}`;
    return [
      problem('audio-mislabelled', where, {
        src: audio.src,
        ext: `.${audio.format}`,
        actual: probe.description,
        rename: path.posix.basename(rename),
      }),
    ];
  }
  if (!probe.durationS) {
    return [problem('audio-empty', where, { src: audio.src, reason: '里面没有声音（时长为 0：只有文件头，没有录音数据）。' })];
  }
  return [];
}

/**
 * The loaded content with the problems of every recording's bytes added:
 * the one asynchronous step of checking, shared by `npm run check` and the
 * build (src/integrations/check.ts), so both report the same.
 *
 * @example
 * const content = await withAudioChecks(loadContent('content'));
 * runCheck(content).errors // includes audio-mislabelled, audio-empty…
 */
export async function withAudioChecks(content: Content): Promise<Content> {
  const found: Problem[] = [];
  for (const entry of [...content.buildings, ...content.classics]) {
    for (const audio of entry.audio) {
      const field = `audio[${audio.index}].file`;
      found.push(...(await audioFileProblems(audio, { file: entry.file, line: entry.lines[field], field })));
    }
  }
  if (found.length === 0) return content;
  return { ...content, problems: sortProblems([...content.problems, ...found]) };
}

/**
 * Where a recording is published: a content-hashed name, so a host may
 * cache it for ever and a changed recording gets a new address.
 *
 * @example
 * audioFileName(audio, 'classics', 'march-of-the-volunteers') // 'classics-march-of-the-volunteers-1.3f9a0c12d4.ogg'
 */
export function audioFileName(audio: EntryAudio, collection: string, id: string): string {
  return `${collection}-${id}-${audio.index + 1}.${contentHash(audio.absPath)}.${audio.format}`;
}

const hashes = new Map<string, string>();

function contentHash(absPath: string): string {
  const { size, mtimeMs } = statSync(absPath);
  const key = `${absPath}\0${size}\0${mtimeMs}`;
  if (!hashes.has(key)) hashes.set(key, createHash('sha256').update(readFileSync(absPath)).digest('hex').slice(0, 10));
  return hashes.get(key)!;
}

/**
 * `154.2` → `2:34`: minutes and seconds, as players show them.
 *
 * @example
 * formatDuration(65.4) // '1:05'
 * formatDuration(3725) // '62:05'
 */
export function formatDuration(seconds: number): string {
  const total = Math.round(seconds);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/**
 * `3_400_000` → `3.2 MB`; under a megabyte in KB.
 *
 * @example
 * formatBytes(5360) // '5 KB'
 */
export function formatBytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return mb >= 1 ? `${mb.toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
