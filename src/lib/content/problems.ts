/**
 * Every message an editor can meet comes from this file: one stable English
 * code, a Chinese sentence saying what is wrong, and a Chinese hint saying how
 * to fix it. The loader, the checker, the build and the scaffolder all report
 * through `problem()`, so wording and codes never drift apart.
 */

export type Severity = 'error' | 'warning';

/** One thing wrong with the content, located as precisely as we can. */
export interface Problem {
  code: ProblemCode;
  severity: Severity;
  /** Path relative to the content directory, with forward slashes. */
  file: string;
  line?: number;
  column?: number;
  /** Dotted path of the frontmatter field, e.g. `location.lng` or `stops[2]`. */
  field?: string;
  /** What is wrong (Chinese). */
  message: string;
  /** How to fix it (Chinese). */
  hint: string;
}

export interface Where {
  file: string;
  line?: number;
  column?: number;
  field?: string;
}

type Text = { message: string; hint: string };
type Params = Record<string, string | number | undefined>;

const COLLECTION_ZH: Record<string, string> = {
  stations: '站点',
  buildings: '建筑',
  figures: '人物',
  classics: '经典',
  routes: '路线',
  regions: '区域',
  events: '活动',
};

/** Chinese name of a collection, e.g. `figures` → `人物`. */
export function collectionName(collection: string): string {
  return COLLECTION_ZH[collection] ?? collection;
}

const m = (n: number | string | undefined) =>
  typeof n === 'number' ? `${Math.round(n)} 米` : String(n ?? '');

/** Said instead of a nearest station when the content has none yet. */
const NO_STATIONS = '内容中还没有任何站点';

/** `离最近的站点“…”N 米，该站服务半径 R 米`, from the `station` and `radius` params. */
const nearestStation = (p: Params, distance: Params[string]) =>
  `离最近的站点“${p.station}”${m(distance)}，该站服务半径 ${m(p.radius)}`;

/**
 * How to fix a problem found in the built site: in the entry's own text when
 * the link was found there (`source`), otherwise in the site's templates.
 */
const siteHint = (p: Params, fix: string) =>
  p.source
    ? `这个链接写在 ${p.source} 中。${fix}`
    : `这个链接不在任何条目的文字中，而是网站模板生成的：不是内容的问题，请把这条信息报告给维护者。`;

/**
 * The catalogue. Keys are the stable codes used in reports, annotations and
 * CONTRIBUTING.md; changing one breaks editors' tooling, so only add.
 */
const CATALOGUE = {
  'file-unreadable': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `无法读取文件：${p.reason}`,
      hint: '检查文件是否存在、是否为 UTF-8 编码的文本文件。',
    }),
  },
  'file-ignored': {
    severity: 'warning',
    text: (p: Params): Text => ({
      message: `文件扩展名“${p.ext}”不属于任何内容类型，已被忽略。`,
      hint: String(p.fix ?? `条目请使用 .md 或 .mdx；轨迹文件（.geojson、.gpx）请放在 routes/ 目录并由路线的 path 字段引用。`),
    }),
  },
  'frontmatter-missing': {
    severity: 'error',
    text: (): Text => ({
      message: '文件开头没有 YAML 头信息（frontmatter）。',
      hint: '在文件第一行写 ---，接着写字段（如 name: …），再用一行 --- 结束。',
    }),
  },
  'yaml-invalid': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `YAML 头信息有语法错误：${p.reason}`,
      hint: String(p.fix ?? '检查缩进（只能用空格，不能用 Tab）、冒号后的空格，以及含冒号或 # 的文字是否加了引号。'),
    }),
  },
  'id-invalid': {
    severity: 'error',
    text: (p: Params): Text => ({
      message:
        p.maxLength === undefined
          ? `文件名“${p.id}”不能作为条目 id：只能使用小写字母 a-z、数字 0-9 和连字符 -。`
          : `文件名“${p.id}”不能作为条目 id：有 ${p.length} 个字符，最多 ${p.maxLength} 个。`,
      hint: `请改用例如“${p.suggestion}”（id 就是文件名），并同步修改引用它的地方。`,
    }),
  },
  'id-duplicate': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `id“${p.id}”重复：${p.other} 已使用同一个 id。`,
      hint: p.shared
        ? '建筑和站点的 id 不能相同（路线的 stops 可能引用其中任何一个）。请给其中一个文件改名。'
        : `同一类条目（${collectionName(String(p.collection))}）的 id 不能相同：同名的 .md 和 .mdx 文件只能留一个。请删去或改名其中一个文件。`,
    }),
  },
  'field-required': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `缺少必填字段“${p.field}”。`,
      hint: p.parent
        ? `请在 ${p.parent} 中添加 ${p.key}: …（${p.expected}）`
        : `请添加 ${p.key ?? p.field}: …（${p.expected}）`,
    }),
  },
  'field-invalid': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `字段“${p.field}”的值不正确：${p.reason}`,
      hint: String(p.fix ?? '请对照 CONTRIBUTING.md 中该字段的说明修改。'),
    }),
  },
  'field-unknown': {
    severity: 'warning',
    text: (p: Params): Text => ({
      message: `未知字段“${p.field}”，网站不会使用它。`,
      hint: p.suggestion
        ? `是否想写“${p.suggestion}”？如果是拼写错误请改正，否则请删除该字段。`
        : '请检查拼写，或删除该字段。',
    }),
  },
  'ref-unknown': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `“${p.id}”不是已有的${p.target}条目。`,
      hint: p.suggestion
        ? `是否想写“${p.suggestion}”？id 是 ${p.dir} 目录下的文件名（不含扩展名）。`
        : `id 是 ${p.dir} 目录下的文件名（不含扩展名）；如果该条目还不存在，请先添加它。`,
    }),
  },
  'path-missing': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `找不到轨迹文件“${p.path}”。`,
      hint: '轨迹文件路径相对于路线文件所在目录；检查文件名拼写和扩展名（.geojson 或 .gpx）。',
    }),
  },
  'geojson-invalid': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `GeoJSON 文件无法使用：${p.reason}`,
      hint: String(
        p.fix ??
          '路线轨迹须为 LineString 或 MultiLineString（可以是几何对象、Feature，或只含一条线的 FeatureCollection）；区域须为 Polygon 或 MultiPolygon。',
      ),
    }),
  },
  'gpx-invalid': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `GPX 文件无法使用：${p.reason}`,
      hint: '用手机轨迹应用重新导出 GPX（需含 <trk> 轨迹或 <rte> 路线，且至少两个点）。',
    }),
  },
  'coordinate-invalid': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `坐标不正确：${p.reason}`,
      hint: String(
        p.fix ?? '坐标写作 [经度, 纬度]，经度在前；上海一带经度约 121，纬度约 31。',
      ),
    }),
  },
  'route-gap': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `路线从 ${m(p.fromM)} 到 ${m(p.toM)} 处（共 ${m(p.lengthM)}）不在任何站点的服务圈内；${
        p.station === undefined ? NO_STATIONS : `最远处${nearestStation(p, p.maxDistanceM)}`
      }。`,
      hint: '调整路线走向使其留在服务圈内，或在附近增设站点；若确需经过圈外，请设置 allowGaps: true 并在 allowGapsReason 中写明原因。',
    }),
  },
  'stop-outside-circle': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `经停点“${p.stop}”不在任何服务圈内：${p.station === undefined ? NO_STATIONS : nearestStation(p, p.distanceM)}。`,
      hint: '检查该地点的坐标和 crs（高德/腾讯为 gcj02，百度为 bd09）；若坐标无误，请换一个经停点或在附近增设站点。',
    }),
  },
  'stop-off-path': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `经停点“${p.stop}”离路线轨迹 ${m(p.distanceM)}，超过 ${m(p.limitM)}。`,
      hint: '检查经停点顺序、地点坐标与 crs，以及轨迹文件是否完整经过该点。',
    }),
  },
  'region-invalid': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `区域文件无法使用：${p.reason}`,
      hint: '区域文件须为含 Polygon 或 MultiPolygon 的 Feature（或只含一个要素的 FeatureCollection），并在 properties.name 中写明名称。',
    }),
  },
  'image-missing': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `找不到图片文件“${p.src}”${
        p.actual ? `（同一文件夹里有“${p.actual}”，只是大小写不同：网站构建时大小写必须一致）` : ''
      }。`,
      hint: `图片路径相对于条目文件所在的目录。请把图片放进与条目同名的文件夹，例如 ${p.example}，并写 src: ${p.exampleSrc}；注意文件名的大小写和扩展名。`,
    }),
  },
  'image-format': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `图片“${p.src}”无法使用：${p.reason}`,
      hint: '请使用 JPEG（.jpg）、PNG、WebP 或 AVIF 格式。iPhone 的 HEIC 照片请先导出为 JPEG（或在“设置 → 相机 → 格式”中选“兼容性最佳”）。',
    }),
  },
  'image-too-large': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `图片“${p.src}”有 ${p.sizeMB} MB，超过上限 ${p.limitMB} MB。`,
      hint: '请把长边缩小到 2400 像素以内，另存为质量约 80% 的 JPEG（通常不到 1 MB）；网站会自动生成各种尺寸和格式。',
    }),
  },
  'id-exists': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `${collectionName(String(p.collection))}“${p.id}”已经存在：${p.other}。不会覆盖已有文件。`,
      hint: `如果要修改它，请直接编辑 ${p.other}；如果是另一个条目，请换一个 id。`,
    }),
  },
  'collection-unknown': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `“${p.name}”不是内容的类型。`,
      hint: p.suggestion
        ? `是否想写“${p.suggestion}”？可用的类型：${p.choices}。`
        : `请写其中之一：${p.choices}。`,
    }),
  },
  'argument-invalid': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `参数 ${p.argument} 不正确：${p.reason}`,
      hint: String(p.fix ?? '运行 npm run new -- --help 查看用法。'),
    }),
  },
  'link-broken': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `页面 ${p.page} 中的链接“${p.href}”指向不存在的页面。`,
      hint: siteHint(p, '检查地址拼写；链接到站内条目时写 /类型/id/，例如 /figures/nie-er/。'),
    }),
  },
  'asset-missing': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `页面 ${p.page} 用到的文件“${p.href}”（${p.element}）不存在。`,
      hint: siteHint(p, '检查文件名和路径；图片请放在条目旁边，并在 images 中引用。'),
    }),
  },
  'anchor-missing': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `页面 ${p.page} 中的链接“${p.href}”指向的位置“#${p.fragment}”在目标页面上不存在。`,
      hint: siteHint(p, '# 后面应是目标页面上某个标题或元素的 id；请打开目标页面核对，或删去 # 及其后的部分。'),
    }),
  },
  'internal-error': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `检查程序内部出错：${p.reason}`,
      hint: '这不是内容的问题。请把完整输出附在 issue 中报告给维护者。',
    }),
  },
  'body-syntax': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `MDX 正文有语法错误：${p.reason}`,
      hint: 'MDX 里的标签必须闭合（<br> 要写成 <br />，<p> 要有 </p>）；要显示花括号或小于号，请写成 \\{、\\} 或 &lt;。只写文字和图片时，把扩展名改成 .md 更简单。',
    }),
  },
  'body-html': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `${p.reason}。`,
      hint: '正文请用 Markdown 书写（**加粗**、[链接](地址)、![图片说明](图片文件)）。HTML 只能用简单的排版标签（如 <sup>、<br>、<abbr title="…">），不能有脚本、事件属性（on…）、样式、表单或框架；见 CONTRIBUTING.md 的“安全”一节。',
    }),
  },
  'body-url': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `${p.reason}。`,
      hint: p.image
        ? `请把图片下载后（确认许可允许转载）放进与条目同名的文件夹，写 ![图片说明](${p.exampleSrc})。`
        : '链接只能以 https://、http://、mailto: 或 tel: 开头，或写站内的相对地址，例如 [聂耳](../../figures/nie-er/)。',
    }),
  },
  'body-image-missing': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `正文中的图片“${p.src}”找不到${
        p.actual ? `（同一文件夹里有“${p.actual}”，只是大小写不同：网站构建时大小写必须一致）` : ''
      }。`,
      hint: `图片路径相对于条目文件所在的目录。请把图片放进与条目同名的文件夹，写 ![图片说明](${p.exampleSrc})；注意文件名的大小写和扩展名。`,
    }),
  },
  'body-image-outside': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `正文中的图片“${p.src}”${p.symlink ? '是指向内容目录之外的符号链接' : '在内容目录之外'}，网站不会读取它。`,
      hint: `图片必须放在内容目录里，通常是与条目同名的文件夹：写 ![图片说明](${p.exampleSrc})；不要用 ../ 跳出内容目录，也不要用符号链接指向别处。`,
    }),
  },
  'mdx-code': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `${p.reason}。`,
      hint: '为了安全，构建网站时不运行内容里的代码：MDX 正文不能 import，不能使用组件（大写字母开头的标签），export 只能定义直接写出的常量，花括号里只能写注释、文字、数字或这些常量。只需要文字和图片时请用 .md 文件。',
    }),
  },
  'region-parent-unknown': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `区域“${p.region}”的上级区域“${p.parent}”不存在。`,
      hint: `properties.parent 须是 content/regions/ 中另一个区域的 id（文件名去掉 .geojson）${p.suggestion ? `，是不是“${p.suggestion}”？` : p.ids ? `，现有：${p.ids}。` : '。'}没有上级的区域请删去 parent。`,
    }),
  },
  'region-parent-cycle': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `区域“${p.region}”的上级关系绕成了一个圈：${p.chain}。`,
      hint: '上级区域须是更大的区域（例如街镇的上级是区），最上级的区域不写 parent。请删去或改正其中一个 properties.parent。',
    }),
  },
  'region-geometry-invalid': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `区域“${p.region}”的边界无法使用：${p.reason}`,
      hint: '请在 QGIS 或 mapshaper.org 中打开文件，修复几何（“修复几何图形”/“clean”）后重新导出为 WGS-84 的 GeoJSON；坐标按 [经度, 纬度] 写，每个环首尾两点相同，边不能交叉。',
    }),
  },
  'path-outside-content': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `${p.what}“${p.path}”在内容目录之外${p.link ? '（它是指向别处的符号链接）' : ''}，不会被读取或发布。`,
      hint: `网站只使用内容目录里的文件。请把文件本身（不是链接）放进内容目录，例如 ${p.example}，并写相对路径，不要写 / 开头的绝对路径或 ../。`,
    }),
  },
  'file-too-large': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `${p.what}有 ${p.size}，超过上限 ${p.limit}，不会被读取。`,
      hint: String(p.fix),
    }),
  },
  'encoding-invalid': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `文件不是 UTF-8 编码（第 ${p.line} 行有无效的字节），可能是用 GBK 等中文 Windows 默认编码保存的。`,
      hint: '请另存为 UTF-8：记事本“另存为”时把编码选为 UTF-8，VS Code 点右下角的编码选“通过编码保存 → UTF-8”。',
    }),
  },
  'text-control-character': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `${p.field ? `字段“${p.field}”` : '正文'}含有看不见的控制字符 ${p.char}。`,
      hint: '这类字符通常是从别处复制时带进来的，会让页面和检查报告显示错乱。请删掉这段文字重新输入。',
    }),
  },
  'route-too-long': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: p.segmentKm
        ? `路线第 ${p.index} 个点到下一个点相距 ${p.segmentKm} 千米，超过步行路线允许的 ${p.limitKm} 千米，未做覆盖检查。`
        : `路线全长 ${p.lengthKm} 千米，超过步行路线允许的 ${p.limitKm} 千米，未做覆盖检查。`,
      hint: '检查坐标是否写错（经度在前、纬度在后，上海一带约 [121.4, 31.2]），以及经停点和轨迹文件是否属于这条路线。',
    }),
  },
  'track-too-many-points': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `轨迹有 ${p.count} 个点，超过上限 ${p.limit} 个。`,
      hint: '请在轨迹应用中降低记录频率，或导出前简化轨迹（例如每 5 米一个点，一小时的步行约一千个点）。',
    }),
  },
  'image-too-many-pixels': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `图片“${p.src}”有 ${p.width} × ${p.height} 像素（${p.megapixels} 百万像素），超过上限 ${p.limit} 百万像素。`,
      hint: '请把长边缩小到 2400 像素以内再提交；网站会自动生成各种尺寸。',
    }),
  },
  'place-far-from-regions': {
    severity: 'warning',
    text: (p: Params): Text => ({
      message: `位置离所有区域都超过 ${p.limitKm} 千米（约 ${p.distanceKm} 千米）。`,
      hint: '检查经纬度是否写错或写反（上海一带经度约 121，纬度约 31），坐标是否是十进制度数，以及 crs 是否正确。',
    }),
  },
  'stop-repeated': {
    severity: 'warning',
    text: (p: Params): Text => ({
      message: `经停点“${p.id}”连续出现了两次。`,
      hint: '如果是笔误，请删去重复的一项；环线回到起点时，两次之间应有别的经停点。',
    }),
  },
  'extension-case': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `扩展名“${p.ext}”是大写，网站构建只认小写的扩展名。`,
      hint: `请把文件改名为 ${p.rename}。`,
    }),
  },
  'ref-invalid-entry': {
    severity: 'warning',
    text: (p: Params): Text => ({
      message: `“${p.id}”指向的${p.target}条目 ${p.other} 本身有错误，暂时无法使用。`,
      hint: `先修正 ${p.other} 中报告的错误；这里的引用本身不用改。`,
    }),
  },
  'date-offset-missing': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `${p.field}“${p.value}”${p.reason}`,
      hint: `写成 日期T时间+时区，例如 ${p.example}（北京时间是 +08:00）。没有时区，同一个时间在不同时区的手机日历里会差几个小时。`,
    }),
  },
  'event-end-before-start': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `结束时间 ${p.end} 早于开始时间 ${p.start}。`,
      hint: '检查日期、钟点和时区（+08:00）；活动只有开始时间时可以删去 end。',
    }),
  },
  'opening-hours-unparsed': {
    severity: 'warning',
    text: (p: Params): Text => ({
      message: `开放时间“${p.value}”不是 OpenStreetMap 的 opening_hours 写法（${p.reason}），页面只能原样显示，算不出“今天开放 / 现在已关门”。`,
      hint: '改写成例如 "Mo-Fr 09:00-17:00; Sa 09:00-12:00; PH off"（Mo 周一 … Su 周日，PH 法定节假日，off 不开放，规则之间用分号，整段加引号）。可以在 https://openingh.openstreetmap.de/evaluation_tool/ 试写。',
    }),
  },
  'basemap-invalid': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `底图文件无法使用：${p.reason}。`,
      hint: String(
        p.fix ??
          'basemap/roads.geojson 须为 LineString 或 MultiLineString 要素的 FeatureCollection（properties.name 写街道名，可以不写；properties.highway 写 OpenStreetMap 的道路等级）；basemap/transit.geojson 须为 Point 要素的 FeatureCollection（properties.name 写站名，properties.lines 写线路列表）。坐标按 [经度, 纬度] 写，WGS-84。',
      ),
    }),
  },
  'audio-missing': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `找不到录音文件“${p.src}”${
        p.actual ? `（同一文件夹里有“${p.actual}”，只是大小写不同：网站构建时大小写必须一致）` : ''
      }。`,
      hint: `录音路径相对于条目文件所在的目录。请把录音放进与条目同名的文件夹，例如 ${p.example}，并写 file: ${p.exampleSrc}；注意文件名的大小写和扩展名。`,
    }),
  },
  'audio-outside': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `录音“${p.src}”${p.reason}，网站不会读取它。`,
      hint: `录音必须放在内容目录里，通常是与条目同名的文件夹：写 file: ${p.exampleSrc}；不要写网址或绝对路径，不要用 ../ 跳出内容目录，也不要用符号链接指向别处。`,
    }),
  },
  'audio-format': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `录音“${p.src}”无法使用：${p.reason}`,
      hint: '请用 MP3（.mp3）、AAC（.m4a）、Ogg Vorbis（.ogg）、Opus（.opus）或 WAV（.wav）格式；可以用 Audacity 等软件“导出为 MP3”。',
    }),
  },
  'audio-mislabelled': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `录音“${p.src}”的扩展名是 ${p.ext}，文件内容却是 ${p.actual}。`,
      hint: `扩展名决定浏览器怎样播放它，必须与内容相符：把文件改名为 ${p.rename}（并改 file 字段），或重新导出为 ${p.ext} 格式。`,
    }),
  },
  'audio-empty': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `录音“${p.src}”${p.reason}`,
      hint: '请重新导出或重新复制这段录音，确认在电脑上能播放、听得到声音，再提交。',
    }),
  },
  'audio-too-large': {
    severity: 'error',
    text: (p: Params): Text => ({
      message: `录音“${p.src}”有 ${p.sizeMB} MB，超过上限 ${p.limitMB} MB。`,
      hint: '学员要在户外用手机流量收听、离线保存：请导出为 64–128 kbps 的 MP3（10 分钟约 5–10 MB），或把长录音分成几段。',
    }),
  },
} satisfies Record<string, { severity: Severity; text: (p: Params) => Text }>;

export type ProblemCode = keyof typeof CATALOGUE;

/** All codes, for documentation and tests. */
export const PROBLEM_CODES = Object.keys(CATALOGUE) as ProblemCode[];

/**
 * Builds a problem from the catalogue.
 *
 * @example
 * problem('ref-unknown', { file: 'buildings/a.md', line: 5, field: 'figures[0]' },
 *   { id: 'nie-er', target: '人物', dir: 'figures' })
 */
export function problem(
  code: ProblemCode,
  where: Where,
  params: Params = {},
  options: { severity?: Severity } = {},
): Problem {
  const entry = CATALOGUE[code];
  const { message, hint } = entry.text(params);
  const out: Problem = {
    code,
    severity: options.severity ?? (entry.severity as Severity),
    file: where.file,
    message,
    hint,
  };
  if (where.line !== undefined) out.line = where.line;
  if (where.column !== undefined) out.column = where.column;
  if (where.field !== undefined) out.field = where.field;
  return out;
}

/** Orders problems by file, then line, so reports read top to bottom. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.field ?? '').localeCompare(b.field ?? ''),
  );
}

/**
 * The closest candidate by edit distance, for "did you mean" hints; undefined
 * when nothing is close enough to be a plausible typo.
 *
 * @example
 * closest('nie-eer', ['nie-er', 'tian-han']) // 'nie-er'
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(word, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const limit = Math.max(1, Math.floor(word.length / 3));
  return bestDistance <= limit ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}
