/**
 * Search building blocks: the indexing hints and the page text they are made
 * of, the attributes entry pages give Pagefind, and the browser's matching
 * and excerpts.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/lib/content/load.ts';
import { durationBand, pageSearchText, routeMinutes, searchAttributes, searchHints } from '../../src/lib/search/build.ts';
import { containsQuery, excerptHtml, matchTier, queryParts } from '../../src/lib/search/text.ts';

const content = loadContent('content');

describe('searchHints', () => {
  it('gives every position of a run its next four characters, across word boundaries', () => {
    const words = searchHints('宋庆龄故居').split(' ');
    expect(words).toEqual(['庆龄故居', '宋庆龄故', '居', '故居', '龄故居'].sort());
  });

  it('makes every substring of the text the start of a hint word', () => {
    const text = '聂耳（1912—1935），生于云南昆明，作曲家。1935年，他为电影《风云儿女》的主题歌《义勇军进行曲》谱曲';
    const words = searchHints(text).split(' ');
    const runs = text.match(/[\p{Script=Han}\d]+/gu)!;
    for (const run of runs) {
      for (let i = 0; i < run.length; i++) {
        for (let n = 1; n <= 4 && i + n <= run.length; n++) {
          const sub = run.slice(i, i + n);
          expect(words.some((w) => w.startsWith(sub)), sub).toBe(true);
        }
      }
    }
  });

  it('drops words that start another word, and breaks runs at punctuation and spaces', () => {
    expect(searchHints('故居 故居、故')).toBe('居 故居');
    expect(searchHints('淮海中路1843号')).toContain('1843');
    expect(searchHints('淮海中路1843号')).toContain('843号');
  });

  it('folds full-width digits and skips Latin letters', () => {
    expect(searchHints('１９３５年')).toContain('1935');
    expect(searchHints('WGS')).toBe('');
  });
});

describe('duration bands', () => {
  it('puts the limits in the shorter band', () => {
    expect(durationBand(45)).toBe('1 小时以内');
    expect(durationBand(60)).toBe('1 小时以内');
    expect(durationBand(61)).toBe('1–2 小时');
    expect(durationBand(120)).toBe('1–2 小时');
    expect(durationBand(121)).toBe('2 小时以上');
  });

  it("uses the route's published duration, else the walking estimate", () => {
    const published = content.routes.find((r) => r.data.durationMinutes !== undefined)!;
    expect(routeMinutes(published, 99_999)).toBe(published.data.durationMinutes);
    const route = { ...published, data: { ...published.data, durationMinutes: undefined } };
    // 2 km at 4 km/h is 30 minutes, plus the minutes at each stop.
    expect(routeMinutes(route, 2000)).toBe(30 + route.stops.length * route.data.minutesPerStop);
    expect(routeMinutes(route, undefined)).toBeUndefined();
  });
});

describe('searchAttributes', () => {
  it('makes the element the search body, with title and filters read from attributes', () => {
    const building = content.buildings.find((b) => b.data.subdistrict)!;
    const attrs = searchAttributes(building);
    expect(attrs['data-pagefind-body']).toBe('');
    expect(attrs['data-pagefind-meta']).toBe('title[data-search-title]');
    expect(attrs['data-pagefind-filter']).toBe('kind[data-search-kind], subdistrict[data-search-subdistrict]');
    expect(attrs['data-search-title']).toBe(building.data.name);
    expect(attrs['data-search-kind']).toBe('建筑');
    expect(attrs['data-search-subdistrict']).toBe(building.data.subdistrict);
  });

  it('leaves out filters an entry has no value for', () => {
    const figure = content.figures[0];
    expect(searchAttributes(figure)['data-pagefind-filter']).toBe('kind[data-search-kind]');
    expect(searchAttributes(figure)).not.toHaveProperty('data-search-subdistrict');
  });

  it('gives routes a duration band and entries with images a thumbnail', () => {
    const route = { ...content.routes[0], data: { ...content.routes[0].data, durationMinutes: 90 } };
    const attrs = searchAttributes(route, { thumbnail: { src: '/_astro/a.webp', alt: '门口' } });
    expect(attrs['data-search-duration']).toBe('1–2 小时');
    expect(attrs['data-pagefind-filter']).toContain('duration[data-search-duration]');
    expect(attrs['data-pagefind-meta']).toBe('title[data-search-title], image[data-search-image], image_alt[data-search-image_alt]');
    expect(attrs['data-search-image']).toBe('/_astro/a.webp');
  });
});

describe('matching in the browser', () => {
  it('folds case, full-width forms, spaces and punctuation', () => {
    expect(queryParts(' 武康路  ＡＢ，c ')).toEqual(['武康路', 'abc']);
    expect(containsQuery('起来！民众觉醒之路', '起来民众')).toBe(true);
    expect(containsQuery('淮海中路 1843 号', '淮海中路１８４３号')).toBe(true);
  });

  it('needs each space-separated part, not the parts side by side', () => {
    expect(containsQuery('《义勇军进行曲》由田汉作词', '田汉 义勇军')).toBe(true);
    expect(containsQuery('义勇军的进行曲', '义勇军进行曲')).toBe(false);
  });
});

describe('matchTier', () => {
  it('orders: title is the query, title contains it, text contains it, words apart', () => {
    expect(matchTier('义勇军进行曲', '', '义勇军进行曲')).toBe(0);
    expect(matchTier('百代小楼（《义勇军进行曲》灌制地纪念馆）', '', '义勇军进行曲')).toBe(1);
    expect(matchTier('聂耳', '《义勇军进行曲》的曲作者', '义勇军进行曲')).toBe(2);
    expect(matchTier('田汉', '义勇军的进行曲', '义勇军进行曲')).toBe(3);
    expect(matchTier('宋庆龄故居', '', '故居 宋庆龄')).toBe(1);
  });
});

describe('pageSearchText', () => {
  const html = readFileSync('tests/fixtures/search/page-text.html', 'utf8');

  /** The text Pagefind itself indexes for a page, from the fragment it writes. */
  async function pagefindText(page: string): Promise<string> {
    const { index } = await pagefind.createIndex({ forceLanguage: 'zh-cn', excludeSelectors: ['[data-map]'] });
    try {
      await index!.addHTMLFile({ url: '/page/', content: page });
      const { files } = await index!.getFiles();
      const fragment = files.find((f) => f.path.startsWith('fragment/'))!;
      return JSON.parse(gunzipSync(fragment.content).toString('utf8').replace(/^pagefind_dcd/, '')).content.replaceAll('\u200B', '');
    } finally {
      await pagefind.close();
    }
  }

  it('gives the same hints as the text Pagefind indexes (one indexing pass instead of two)', async () => {
    expect(searchHints(pageSearchText(html, ['data-map']))).toBe(searchHints(await pagefindText(html)));
  }, 30_000);

  it('keeps the body, joins inline and description-list text as Pagefind does, and drops ignored parts', () => {
    const text = pageSearchText(html, ['data-map']);
    expect(text).toContain('地址淮海中路1843号');
    expect(text).toMatch(/居住至1981年/);
    expect(text).toContain('&实体中文');
    for (const left of ['页面标题', '导航链接', '坐标', '建筑位置地图', '静态地图', '地图数据', '表单标签', '按钮文字', '页脚文字']) {
      expect(text).not.toContain(left);
    }
  });

  it('is empty for a page without a search body', () => {
    expect(pageSearchText('<html><body><p>列表页</p></body></html>')).toBe('');
  });
});

describe('excerptHtml', () => {
  const text = '聂耳（1912—1935），生于云南昆明，作曲家。1935年，他为电影《风云儿女》的主题歌《义勇军进行曲》谱曲。';

  it('centres on the match and marks it', () => {
    expect(excerptHtml(text, '风云儿女', 12)).toBe('…为电影《<mark>风云儿女</mark>》的主题…');
  });

  it('marks every match in the window, even across punctuation the query left out', () => {
    expect(excerptHtml('起来！民众觉醒之路', '起来民众')).toBe('<mark>起来！民众</mark>觉醒之路');
    expect(excerptHtml(text, '1935', 200).match(/<mark>1935<\/mark>/g)).toHaveLength(2);
  });

  it('marks the words of a query the text has only in pieces', () => {
    expect(excerptHtml('义勇军的进行曲', '义勇军进行曲')).toBe('<mark>义勇</mark><mark>军</mark>的<mark>进行</mark><mark>曲</mark>');
  });

  it('escapes the text and starts at the beginning without a match', () => {
    expect(excerptHtml('<b>宋庆龄</b> & 故居', '巴金')).toBe('&lt;b&gt;宋庆龄&lt;/b&gt; &amp; 故居');
  });
});
