/**
 * `/coverage.csv`: the /coverage/ table for spreadsheets — one row per
 * region, the district first — in UTF-8 with a byte-order mark so Excel
 * reads the Chinese names.
 */
import type { APIRoute } from 'astro';
import { coverageCsv, regionTables } from '../lib/district/view.ts';
import { getSiteData } from '../lib/site/site-data.ts';

export const GET: APIRoute = () =>
  new Response(coverageCsv(regionTables(getSiteData())), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
