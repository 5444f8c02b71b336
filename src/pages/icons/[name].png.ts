/** `/icons/icon-<size>.png`: the app icon for the manifest and iOS home screens. */
import type { APIRoute } from 'astro';
import { ICON_SIZES, iconPng } from '../../lib/site/app-icon.ts';

export function getStaticPaths() {
  return ICON_SIZES.map((size) => ({ params: { name: `icon-${size}` }, props: { size } }));
}

export const GET: APIRoute<{ size: number }> = ({ props }) =>
  new Response(new Uint8Array(iconPng(props.size)), { headers: { 'Content-Type': 'image/png' } });
