/** @module xmldom's HTML entity table, built on first read in the CLI's bundle (a source transform, bundle-cli.ts). */
import { sourceTransform } from './source-transform.js';

/**
 * @xmldom/xmldom's entities.js builds and freezes its ~2,200-entry HTML entity table when the package loads (0.9
 * copies it into a null-prototype object first), in each of the bundle's three copies of xmldom (0.9, and the
 * 0.8 that xml-crypto and xml-encryption each bring): CPU at every start for a table only an HTML-mode parse
 * reads (dom-parser.js, in parseFromString). The bundle gets the same module with HTML_ENTITIES and its alias
 * entityMap as getters that build the same frozen table on first read. A release whose file no longer has
 * that shape fails the build instead of being bundled unchanged unnoticed.
 */
export function lazyHtmlEntities(text: string, file: string): string {
  const head = 'exports.HTML_ENTITIES = ';
  const start = text.indexOf(`${head}freeze({`);
  const end = start < 0 ? -1 : text.indexOf('\n});\n', start);
  const alias = 'exports.entityMap = exports.HTML_ENTITIES;';
  if (start < 0 || end < 0 || text.indexOf(alias, end) < 0 || text.indexOf(head, start + 1) >= 0)
    throw new Error(
      `${file}: not the shape lazyHtmlEntities expects (exports.HTML_ENTITIES = freeze({...}))`,
    );
  const table = text.slice(start + head.length, end + '\n})'.length);
  const getter = (name: string) =>
    `Object.defineProperty(exports, '${name}', { enumerable: true, get: samlspecHtmlEntities });`;
  const lazy =
    `var samlspecHtmlEntitiesTable;\nfunction samlspecHtmlEntities() {\n\treturn samlspecHtmlEntitiesTable || ` +
    `(samlspecHtmlEntitiesTable = ${table});\n}\n${getter('HTML_ENTITIES')}`;
  return `${text.slice(0, start)}${lazy}${text.slice(end + '\n});'.length)}`.replace(
    alias,
    getter('entityMap'),
  );
}

export const LAZY_HTML_ENTITIES = sourceTransform(
  'lazy-xmldom-html-entities',
  /[\\/]@xmldom[\\/]xmldom[\\/]lib[\\/]entities\.js$/,
  lazyHtmlEntities,
);
