/**
 * The sample content with two recordings made at test time, for the build
 * and browser tests of recordings: synthesised speech of a line of 《义勇军进行曲》
 * on the classic (so the qilai route's stop 百代小楼, linked to the song,
 * offers it), and a spoken story on 聂耳铜像广场, the route's first stop.
 * The sample content itself ships no audio (README).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { speech } from './audio.ts';

/** A line of the lyrics the classic's body does not contain: search must find it in the transcript. */
export const MARCH_LYRIC = '把我们的血肉，筑成我们新的长城';
export const MARCH_TITLE = '义勇军进行曲（测试合成朗读）';
export const STORY_TITLE = '讲解：聂耳铜像（测试合成朗读）';
export const STORY_TRANSCRIPT = '测试讲解：这座铜像纪念人民音乐家聂耳，广场上常有人驻足聆听。';

function addAudio(entryFile: string, yaml: string): void {
  const text = readFileSync(entryFile, 'utf8');
  writeFileSync(entryFile, text.replace(/^---\n/, `---\n${yaml}`));
}

/**
 * Copies `content/` to a temporary folder and adds the two recordings.
 *
 * @example
 * const dir = contentWithRecordings(); // CONTENT_DIR=dir npm run build
 */
export function contentWithRecordings(source = 'content'): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'content-recordings-'));
  cpSync(source, dir, { recursive: true });

  mkdirSync(path.join(dir, 'classics', 'march-of-the-volunteers'));
  speech(path.join(dir, 'classics', 'march-of-the-volunteers', 'march.ogg'), `起来，不愿做奴隶的人们，${MARCH_LYRIC}`);
  addAudio(
    path.join(dir, 'classics', 'march-of-the-volunteers.md'),
    'audio:\n' +
      '  - file: march-of-the-volunteers/march.ogg\n' +
      `    title: ${MARCH_TITLE}\n` +
      '    credit: 测试程序用 espeak-ng 合成\n' +
      '    license: CC0\n' +
      '    transcript: |\n' +
      '      起来！不愿做奴隶的人们！\n' +
      `      ${MARCH_LYRIC}！\n`,
  );

  mkdirSync(path.join(dir, 'buildings', 'nie-er-statue-square'));
  speech(path.join(dir, 'buildings', 'nie-er-statue-square', 'story.mp3'), STORY_TRANSCRIPT, 'mp3');
  addAudio(
    path.join(dir, 'buildings', 'nie-er-statue-square.md'),
    'audio:\n' +
      '  - file: nie-er-statue-square/story.mp3\n' +
      `    title: ${STORY_TITLE}\n` +
      '    credit: 测试程序用 espeak-ng 合成\n' +
      '    license: CC0\n' +
      `    transcript: ${STORY_TRANSCRIPT}\n`,
  );
  return dir;
}
