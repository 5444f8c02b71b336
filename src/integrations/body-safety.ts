/**
 * The build's own safety net for entry bodies. `npm run check` and the build's
 * content check already refuse unsafe bodies with located errors
 * (src/lib/content/bodies.ts) and stop the build; this Sätteri processor makes sure
 * that, even if something got past them (`npm run dev` runs no check), nothing
 * executable from content is rendered or run:
 *
 * - raw HTML is parsed into elements (`rawHtml`), and elements, attributes and
 *   URLs outside src/lib/content/body-policy.ts's allowlists are removed;
 * - MDX imports, non-literal exports and expressions, components and
 *   expression attributes are removed before the MDX module is generated;
 * - images that are not files inside the content folder are not imported;
 * - a `layout` in the frontmatter (Astro would import that file) is ignored.
 *
 * Markdown and MDX share it: @astrojs/mdx inherits `markdown.processor`.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { satteri } from '@astrojs/markdown-satteri';
import type { HastPluginDefinition, HastVisitorContext, MdastPluginDefinition } from 'satteri';
import {
  esmProblem,
  expressionProblem,
  isLiteralSource,
  isPublishableAttribute,
  isPublishableTag,
  urlProblem,
  type EsNode,
} from '../lib/content/body-policy.ts';
import { resolveContentDir } from '../lib/content/load.ts';

/**
 * `markdown.processor` for astro.config.mjs.
 *
 * @example
 * defineConfig({ markdown: { processor: safeMarkdownProcessor() } })
 */
export function safeMarkdownProcessor(options: { contentDir?: string } = {}) {
  return satteri({
    mdastPlugins: [safeImages(options.contentDir)],
    hastPlugins: [sanitizeBody],
    features: { rawHtml: true },
  });
}

type Props = Record<string, unknown>;

interface JsxAttribute {
  type: string;
  name?: string;
  value?: string | null | { value: string };
}

/**
 * The hast pass: elements, attributes, MDX code and the frontmatter `layout`.
 * Nodes come in document order, so an expression may name a constant
 * exported above it (as the checker allows), and nothing else.
 */
export const sanitizeBody = () => {
  const constants = new Set<string>();
  return {
  name: 'red-routes:sanitize-body',
  before(_root: unknown, ctx: HastVisitorContext) {
    const frontmatter = (ctx.data as { astro?: { frontmatter?: Props } }).astro?.frontmatter;
    if (frontmatter && 'layout' in frontmatter) delete frontmatter.layout;
  },
  element: {
    filter: [],
    visit(node, ctx) {
      const properties = (node.properties ?? {}) as Props;
      if (!isPublishableTag(node.tagName, properties)) {
        ctx.removeNode(node);
        return;
      }
      for (const [name, value] of Object.entries(properties)) {
        const text = Array.isArray(value) ? value.join(' ') : value;
        if (!isPublishableAttribute(node.tagName, name, text)) ctx.setProperty(node, name, null);
      }
    },
  },
  mdxJsxFlowElement: { filter: [], visit: (node, ctx) => sanitizeJsx(node as never, ctx) },
  mdxJsxTextElement: { filter: [], visit: (node, ctx) => sanitizeJsx(node as never, ctx) },
  mdxjsEsm(node, ctx) {
    const program = node.parseExpression() as { body: EsNode[] } | null;
    const esm = program ? esmProblem(program) : undefined;
    if (!esm || esm.problem) ctx.removeNode(node);
    else for (const name of esm.names) constants.add(name);
  },
  mdxFlowExpression(node, ctx) {
    if (expressionProblem(node.parseExpression() as never, constants)) ctx.removeNode(node);
  },
  mdxTextExpression(node, ctx) {
    if (expressionProblem(node.parseExpression() as never, constants)) ctx.removeNode(node);
  },
  } satisfies HastPluginDefinition;
};

function sanitizeJsx(
  node: { type: string; name: string | null; attributes: JsxAttribute[]; children: unknown[] },
  ctx: HastVisitorContext,
): void {
  if (node.name === null) return;
  if (!/^[a-z][a-z0-9]*$/.test(node.name) || !isPublishableTag(node.name, literalProps(node.attributes))) {
    ctx.removeNode(node as never);
    return;
  }
  const kept = node.attributes.filter((a) => {
    if (a.type !== 'mdxJsxAttribute' || a.name === undefined) return false;
    const value = literalValue(a.value);
    return value !== undefined && isPublishableAttribute(node.name!, a.name, value);
  });
  if (kept.length === node.attributes.length) return;
  ctx.replaceNode(node as never, { ...node, attributes: kept } as never);
}

/** An attribute's literal value (`true` for a bare attribute), or undefined when it is code. */
function literalValue(value: JsxAttribute['value']): string | number | boolean | null | undefined {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value;
  if (!isLiteralSource(value.value)) return undefined;
  try {
    return JSON.parse(value.value.trim().replace(/^'(.*)'$/, '"$1"')) as string | number | boolean | null;
  } catch {
    return undefined;
  }
}

function literalProps(attributes: JsxAttribute[]): Props {
  const props: Props = {};
  for (const a of attributes) if (a.name) props[a.name] = literalValue(a.value);
  return props;
}

/**
 * The mdast pass, before Astro collects the images it will import: an image
 * whose URL is unsafe or external, or whose file lies outside the content
 * folder (after following links), is dropped rather than read.
 */
function safeImages(contentDir?: string): MdastPluginDefinition {
  return {
    name: 'red-routes:safe-images',
    image(node, ctx) {
      if (urlProblem(node.url, { image: true })) {
        ctx.removeNode(node);
        return;
      }
      if (!ctx.fileURL || node.url.startsWith('/') || node.url.startsWith('#')) return;
      const root = realpathOrSelf(path.resolve(contentDir ?? resolveContentDir()));
      const file = realpathOrSelf(fileURLToPath(ctx.fileURL));
      if (!isInside(root, file)) return;
      let relative = node.url.replace(/[?#].*$/, '');
      try {
        relative = decodeURI(relative);
      } catch {
        // Undecodable: resolve it as written.
      }
      if (!isInside(root, realpathOrSelf(path.resolve(path.dirname(file), relative)))) ctx.removeNode(node);
    },
  };
}

function realpathOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

function isInside(root: string, absPath: string): boolean {
  const relative = path.relative(root, absPath);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
