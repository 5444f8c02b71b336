/**
 * Recordings as the pages show them: where each file is published, which
 * page it belongs to, and which recordings a route stop offers (its
 * building's own, then those of the classics linked to the building, so the
 * 1935 recording of a song plays at the building where it was recorded).
 */
import { audioFileName, AUDIO_FORMATS, formatBytes } from '../content/audio.ts';
import { entryTitle } from '../site/format.ts';
import type { BuildingEntry, ClassicEntry, Content, EntryAudio, RouteEntry } from '../content/model.ts';
import { linked, type Relations } from '../site/relations.ts';
import { entryUrl, url } from '../site/urls.ts';

export interface Recording {
  audio: EntryAudio;
  /** The entry the recording belongs to. */
  owner: { collection: 'buildings' | 'classics'; id: string; title: string };
  /** Site path of the published file, base included. */
  src: string;
  /** MIME type for `<source type>` and downloads. */
  mime: string;
  /** Id of the player on its owner's page: `recording-1`, … */
  anchor: string;
  /** Path of the owner's page at the player, base included: `/classics/a/#recording-1`. */
  page: string;
}

/**
 * The published file of a recording, as a site path without the base (for
 * getStaticPaths) and with it (for pages).
 *
 * @example
 * recordingFile(audio, 'classics', 'march') // 'audio/classics-march-1.3f9a0c12d4.ogg'
 */
export function recordingFile(audio: EntryAudio, collection: string, id: string): string {
  return `audio/${audioFileName(audio, collection, id)}`;
}

/**
 * @example
 * entryRecordings(classic)[0].page // '/classics/march-of-the-volunteers/#recording-1'
 */
export function entryRecordings(entry: BuildingEntry | ClassicEntry): Recording[] {
  const owner = { collection: entry.collection, id: entry.id, title: entryTitle(entry) };
  return entry.audio.map((audio) => {
    const anchor = `recording-${audio.index + 1}`;
    return {
      audio,
      owner,
      src: url(`/${recordingFile(audio, entry.collection, entry.id)}`),
      mime: AUDIO_FORMATS[audio.format].mime,
      anchor,
      page: `${entryUrl(entry.collection, entry.id)}#${anchor}`,
    };
  });
}

/**
 * What a visitor can listen to at a stop: the building's recordings, then
 * those of the classics linked to it. Stations have none.
 *
 * @example
 * stopRecordings(content, relations, 'baidai-building').map((r) => r.owner.id) // ['march-of-the-volunteers']
 */
export function stopRecordings(content: Content, relations: Relations, stopId: string): Recording[] {
  const building = content.buildings.find((b) => b.id === stopId);
  if (!building) return [];
  const classics = linked(relations, 'buildings', stopId, 'classics')
    .map((id) => content.classics.find((c) => c.id === id))
    .filter((c): c is ClassicEntry => c !== undefined);
  return [building, ...classics].flatMap(entryRecordings);
}

/**
 * The recordings a route's "保存离线使用" stores, once each, with their total size.
 *
 * @example
 * routeRecordings(content, relations, route) // { recordings: [...], bytes: 5360, size: '5 KB' }
 */
export function routeRecordings(
  content: Content,
  relations: Relations,
  route: RouteEntry,
): { recordings: Recording[]; bytes: number; size: string } {
  const bySrc = new Map<string, Recording>();
  for (const stop of route.stops) {
    for (const recording of stopRecordings(content, relations, stop.id)) bySrc.set(recording.src, recording);
  }
  const recordings = [...bySrc.values()];
  const bytes = recordings.reduce((sum, r) => sum + r.audio.bytes, 0);
  return { recordings, bytes, size: formatBytes(bytes) };
}
