/**
 * `/audio/<collection>-<id>-<n>.<hash>.<ext>`: each recording copied into
 * the built site under a content-hashed name (src/lib/learners/recordings.ts), so a
 * host may cache it for ever and a new version gets a new address. Static
 * hosts pick the Content-Type from the extension; this one is what
 * `astro dev` and `astro preview` send.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { APIRoute } from 'astro';
import type { Recording } from '../../lib/learners/recordings.ts';
import { entryRecordings, recordingFile } from '../../lib/learners/recordings.ts';
import { getSiteData } from '../../lib/site/site-data.ts';

export function getStaticPaths() {
  const { content } = getSiteData();
  return [...content.buildings, ...content.classics].flatMap((entry) =>
    entryRecordings(entry).map((recording) => ({
      params: { file: path.posix.basename(recordingFile(recording.audio, entry.collection, entry.id)) },
      props: { recording },
    })),
  );
}

export const GET: APIRoute<{ recording: Recording }> = ({ props }) =>
  new Response(readFileSync(props.recording.audio.absPath), { headers: { 'Content-Type': props.recording.mime } });
