// The table's stylesheets: the panel links every file of media/table, each of them themed only through the
// --vscode-* variables (no colour of its own, which would clash with some theme).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { TABLE_STYLESHEETS } from '../../src/table/stylesheets';

const MEDIA = path.resolve(__dirname, '..', '..', '..', 'media');

/** What a declaration's value is once the theme's variables (with their fallbacks) are taken out. */
function withoutThemeVariables(value: string): string {
  let rest = value;
  for (let previous = ''; previous !== rest; ) {
    previous = rest;
    rest = rest.replace(/var\(--vscode-[\w-]+(,[^()]*)?\)/g, '');
  }
  return rest;
}

test('the panel links every stylesheet of media/table, and only those', () => {
  const files = fs.readdirSync(path.join(MEDIA, 'table')).map((file) => `table/${file}`);
  assert.deepEqual([...TABLE_STYLESHEETS].sort(), files.sort());
});

test('the stylesheets use no colour but the theme variables', () => {
  const literalColour = /#[0-9a-f]{3,8}\b|\b(rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(/i;
  const keywordsOnly = /^[\s,]*((-?[\d.]+(px|em|%)?|solid|dashed|dotted|none|inset|inherit|transparent|currentColor)[\s,]*)*$/i;
  for (const file of TABLE_STYLESHEETS) {
    const css = fs.readFileSync(path.join(MEDIA, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    for (const [, property, value] of css.matchAll(/([\w-]+)\s*:\s*([^;{}]+);/g)) {
      const rest = withoutThemeVariables(value);
      assert.doesNotMatch(rest, literalColour, `${file}: ${property}: ${value}`);
      if (/^(color|background(-color)?|border(-(top|right|bottom|left))?(-color)?|outline(-color)?|box-shadow|fill|stroke)$/.test(property)) {
        assert.match(rest, keywordsOnly, `${file}: ${property}: ${value}`);
      }
    }
  }
});
