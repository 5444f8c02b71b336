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
