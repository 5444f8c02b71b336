/**
 * `/manifest.webmanifest`: lets a phone add the site to its home screen and
 * open it full screen. Every path in it goes through url(), so it works
 * under a base path.
 */
import type { APIRoute } from 'astro';
import { url } from '../lib/site/urls.ts';

export const GET: APIRoute = () => {
  const icon = (size: number, purpose: string) => ({
    src: url(`/icons/icon-${size}.png`),
    sizes: `${size}x${size}`,
    type: 'image/png',
    purpose,
  });
  const manifest = {
    name: '徐汇红色文化学习路线',
    short_name: '红色路线',
    description: '徐汇区红色文化学习路线与“500 米党建服务圈”：行走的党课，可离线使用。',
    lang: 'zh-CN',
    id: url('/'),
    start_url: url('/'),
    scope: url('/'),
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#a61c21',
    icons: [icon(192, 'any'), icon(512, 'any'), icon(512, 'maskable')],
  };
  return new Response(JSON.stringify(manifest, null, 2), {
    headers: { 'Content-Type': 'application/manifest+json; charset=utf-8' },
  });
};
