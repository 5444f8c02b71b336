/**
 * Recordings made at test time, so no audio binaries live in the repository:
 * a tone from sox, Chinese speech from espeak-ng, Opus through opusenc.
 * Debian packages: sox libsox-fmt-all (MP3 through LAME) espeak-ng opus-tools
 * (.ci/run installs them).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type ToneFormat = 'wav' | 'ogg' | 'mp3' | 'opus' | 'flac';

function run(command: string, args: string[]): void {
  try {
    execFileSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '');
    throw new Error(
      `${command} ${args.join(' ')} failed: ${stderr || (error as Error).message}\n` +
        'Install the audio tools: apt-get install -y sox libsox-fmt-all espeak-ng opus-tools',
    );
  }
}

/**
 * Writes `seconds` of a 440 Hz tone to `file` in `format` (whatever the file's extension says).
 *
 * @example
 * tone('/tmp/a.ogg', 'ogg', 2)
 * tone('/tmp/lies.mp3', 'wav', 1) // a WAV named .mp3
 */
export function tone(file: string, format: ToneFormat, seconds: number): void {
  const scratch = mkdtempSync(path.join(tmpdir(), 'tone-'));
  try {
    const wav = path.join(scratch, 'tone.wav');
    run('sox', ['-n', '-r', '22050', '-c', '1', '-b', '16', wav, 'synth', String(seconds), 'sine', '440']);
    if (format === 'opus') run('opusenc', ['--quiet', wav, file]);
    else run('sox', [wav, '-t', format, file]);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Mandarin speech from espeak-ng, as Ogg Vorbis (or MP3, WAV): a spoken "recording" with real words.
 *
 * @example
 * speech('/tmp/story.ogg', '起来，不愿做奴隶的人们')
 */
export function speech(file: string, text: string, format: 'ogg' | 'mp3' | 'wav' = 'ogg'): void {
  const scratch = mkdtempSync(path.join(tmpdir(), 'speech-'));
  try {
    const wav = path.join(scratch, 'speech.wav');
    run('espeak-ng', ['-v', 'cmn', '-s', '200', '-w', wav, text]);
    run('sox', [wav, '-t', format, file]);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The 44-byte header of a 16-bit mono WAV with no samples: a "recording" with no sound. */
export function emptyWavHeader(): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(22050, 24);
  header.writeUInt32LE(44100, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(0, 40);
  return header;
}

/** An ISO media box: size, type, payload. */
function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, body]);
}

function words(...values: number[]): Buffer {
  const out = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => out.writeUInt32BE(v >>> 0, i * 4));
  return out;
}

const MATRIX = words(0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000);

/**
 * The structure of an AAC .m4a as iPhone Voice Memos writes it (ftyp M4A,
 * one sound track with an mp4a sample description, its duration in the media
 * header) and no audio frames: no free encoder on Debian writes AAC, and the
 * checker reads the container, codec and duration, not the sound. Not playable.
 *
 * @example
 * writeFileSync('/tmp/memo.m4a', m4aSkeleton(3))
 */
export function m4aSkeleton(seconds: number, rate = 22050): Buffer {
  const samples = Math.round(seconds * rate);
  const ftyp = box('ftyp', Buffer.from('M4A ', 'latin1'), words(0), Buffer.from('M4A isom', 'latin1'));
  const mvhd = box('mvhd', words(0, 0, 0, 1000, Math.round(seconds * 1000), 0x10000), Buffer.from([1, 0]), Buffer.alloc(10), MATRIX, Buffer.alloc(24), words(2));
  const tkhd = box('tkhd', words(7, 0, 0, 1, 0, Math.round(seconds * 1000), 0, 0), Buffer.from([0, 0, 0, 0, 1, 0, 0, 0]), MATRIX, words(0, 0));
  const mdhd = box('mdhd', words(0, 0, 0, rate, samples), Buffer.from([0x55, 0xc4, 0, 0]));
  const hdlr = box('hdlr', words(0, 0), Buffer.from('soun', 'latin1'), Buffer.alloc(12), Buffer.from('SoundHandler\0', 'latin1'));
  const mp4a = box(
    'mp4a',
    Buffer.alloc(6),
    Buffer.from([0, 1]), // data reference index
    Buffer.alloc(8), // version, revision, vendor
    Buffer.from([0, 1, 0, 16, 0, 0, 0, 0]), // mono, 16 bit
    words(rate * 65536),
  );
  const stbl = box(
    'stbl',
    box('stsd', words(0, 1), mp4a),
    box('stts', words(0, 1, samples, 1)),
    box('stsc', words(0, 0)),
    box('stsz', words(0, 0, 0)),
    box('stco', words(0, 0)),
  );
  const minf = box('minf', box('smhd', words(0, 0)), stbl);
  const moov = box('moov', mvhd, box('trak', tkhd, box('mdia', mdhd, hdlr, minf)));
  return Buffer.concat([ftyp, moov, box('mdat')]);
}
