// The repository's shape, read from its files: no import cycles, a small top level in src/, no file over 450
// lines, and no comment that points to a file the repository does not have.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const MAX_LINES = 450;
const MAX_SRC_TOP_LEVEL_FILES = 6;
const CYCLE_ROOTS = ['src', 'webview', 'sample-api'];
const SIZE_ROOTS = ['src', 'webview', 'media', 'sample-api', 'test', 'bench', 'scripts'];
/** Folders whose paths comments cite; every such path in a comment must name a file or folder that exists. */
const CITED_ROOTS = ['src', 'webview', 'test', 'sample-api', 'bench', 'scripts', 'media'];

/** Repository-relative paths with `/`, of the files git tracks (every file on disk when git is unavailable). */
function repositoryFiles(): string[] {
  try {
    return execFileSync('git', ['ls-files', '-z'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\0')
      .filter((file) => file !== '' && fs.existsSync(path.join(REPO_ROOT, file)));
  } catch {
    return fs
      .readdirSync(REPO_ROOT, { recursive: true, encoding: 'utf8' })
      .map((file) => file.split(path.sep).join('/'))
      .filter((file) => !/^(node_modules|out|dist|\.git)\//.test(file) && fs.statSync(path.join(REPO_ROOT, file)).isFile());
  }
}

const FILES = repositoryFiles();
const FILE_SET = new Set(FILES);
const DIRECTORIES = new Set(FILES.flatMap((file) => file.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));

const under = (roots: readonly string[], file: string): boolean => roots.some((root) => file.startsWith(`${root}/`));
const read = (file: string): string => fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
/** Lines as `wc -l` counts them, plus a last line without a newline. */
const lineCount = (text: string): number => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

/** The file a relative import names: `x.ts`, `x.tsx`, `x.d.ts` or `x/index.ts`, as TypeScript resolves it. */
function resolveImport(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier));
  const withoutJs = base.replace(/\.js$/, '');
  return [base, `${withoutJs}.ts`, `${withoutJs}.tsx`, `${withoutJs}.d.ts`, `${base}/index.ts`, `${base}/index.tsx`].find((candidate) =>
    FILE_SET.has(candidate),
  );
}

function importGraph(files: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(read(file), true, true);
    const targets = importedFiles.map((imported) => resolveImport(file, imported.fileName)).filter((target): target is string => target !== undefined);
    graph.set(file, [...new Set(targets)].filter((target) => files.includes(target)));
  }
  return graph;
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function cyclicComponents(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let next = 0;
  const visit = (file: string): void => {
    index.set(file, next);
    low.set(file, next);
    next++;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || (graph.get(file) ?? []).includes(file)) components.push(component.sort());
  };
  for (const file of [...graph.keys()].sort()) if (!index.has(file)) visit(file);
  return components;
}

/** The shortest import chain from `start` back to itself inside `component`: [start, ..., start]. */
function shortestCycle(graph: ReadonlyMap<string, readonly string[]>, component: readonly string[], start: string): string[] {
  const inside = new Set(component);
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const target of graph.get(file) ?? []) {
      if (!inside.has(target)) continue;
      if (target === start) {
        const chain = [start];
        for (let at = file; at !== start; at = previous.get(at)!) chain.unshift(at);
        return [start, ...chain];
      }
      if (!previous.has(target)) {
        previous.set(target, file);
        queue.push(target);
      }
    }
  }
  return [start];
}

/**
 * The text of every comment in a TypeScript or JavaScript file, with its line: the comment ranges at the start and
 * at the end of every node (without walking tokens, which is several times slower over the whole repository).
 */
function scriptComments(file: string): Array<{ line: number; text: string }> {
  const text = read(file);
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const ranges = new Map<number, ts.CommentRange>();
  const collect = (position: number): void => {
    for (const range of ts.getLeadingCommentRanges(text, position) ?? []) ranges.set(range.pos, range);
  };
  const visit = (node: ts.Node): void => {
    collect(node.pos);
    collect(node.end);
    ts.forEachChild(node, visit);
  };
  collect(0);
  visit(source);
  return [...ranges.values()]
    .sort((a, b) => a.pos - b.pos)
    .map((range) => ({ line: source.getLineAndCharacterOfPosition(range.pos).line + 1, text: text.slice(range.pos, range.end) }));
}

function cssComments(file: string): Array<{ line: number; text: string }> {
  const text = read(file);
  return [...text.matchAll(/\/\*[\s\S]*?\*\//g)].map((match) => ({ line: text.slice(0, match.index).split('\n').length, text: match[0] }));
}

const CITED_PATH = new RegExp(`(?<![\\w./@-])((?:${CITED_ROOTS.join('|')})/[\\w./-]*)`, 'g');
const CITED_NOTE = /(?<![\w./-])([A-Z][A-Z0-9_-]*\.md)\b/g;

/** A cited path that exists: a file or folder, the .ts source of a compiled .js path, or a file named without its extension. */
function citedPathExists(cited: string): boolean {
  const trimmed = cited.replace(/[./]+$/, '');
  return (
    FILE_SET.has(trimmed) ||
    DIRECTORIES.has(trimmed) ||
    FILE_SET.has(trimmed.replace(/\.js$/, '.ts')) ||
    FILES.some((file) => file.startsWith(`${trimmed}.`))
  );
}

test('no import cycles among the TypeScript files of src/, webview/ and sample-api/', () => {
  const files = FILES.filter((file) => under(CYCLE_ROOTS, file) && /\.tsx?$/.test(file));
  assert.ok(files.length > 50, `expected the TypeScript files of ${CYCLE_ROOTS.join(', ')}, found ${files.length}`);
  const graph = importGraph(files);
  // One chain per file not yet on a reported chain, so that every file of a cycle group shows how it is caught.
  const cycles = cyclicComponents(graph).flatMap((component) => {
    const chains: string[] = [];
    const shown = new Set<string>();
    for (const file of component) {
      if (shown.has(file)) continue;
      const chain = shortestCycle(graph, component, file);
      chain.forEach((member) => shown.add(member));
      chains.push(`  ${chain.join(' -> ')}`);
    }
    return chains;
  });
  assert.deepEqual(cycles, [], `import cycles (each chain ends where it starts):\n${cycles.join('\n')}`);
});

test('production code (src/, webview/) imports nothing from the sample API or the tests', () => {
  const files = FILES.filter((file) => under(['src', 'webview'], file) && /\.tsx?$/.test(file));
  const graph = importGraph(FILES.filter((file) => under([...CYCLE_ROOTS, 'test'], file) && /\.tsx?$/.test(file)));
  const offenders = files.flatMap((file) =>
    (graph.get(file) ?? []).filter((target) => under(['sample-api', 'test'], target)).map((target) => `  ${file} imports ${target}`),
  );
  assert.deepEqual(offenders, [], `production code depends on test support:\n${offenders.join('\n')}`);
});

test(`src/ has at most ${MAX_SRC_TOP_LEVEL_FILES} files at its top level`, () => {
  const topLevel = FILES.filter((file) => /^src\/[^/]+$/.test(file));
  assert.ok(topLevel.length <= MAX_SRC_TOP_LEVEL_FILES, `src/ has ${topLevel.length} top-level files: ${topLevel.join(', ')}`);
});

test(`no .ts or .css file under ${SIZE_ROOTS.join('/, ')}/ is over ${MAX_LINES} lines`, () => {
  const oversized = FILES.filter((file) => under(SIZE_ROOTS, file) && /\.(ts|css)$/.test(file))
    .map((file) => ({ file, lines: lineCount(read(file)) }))
    .filter(({ lines }) => lines > MAX_LINES)
    .sort((a, b) => b.lines - a.lines)
    .map(({ file, lines }) => `  ${file}: ${lines} lines`);
  assert.deepEqual(oversized, [], `${oversized.length} file(s) over ${MAX_LINES} lines:\n${oversized.join('\n')}`);
});

test('no comment points to a file or folder the repository does not have (NOTES.md, src/api/...)', () => {
  const stale: string[] = [];
  for (const file of FILES) {
    const comments = /\.(ts|js|mjs)$/.test(file) ? scriptComments(file) : file.endsWith('.css') ? cssComments(file) : [];
    for (const { line, text } of comments) {
      for (const [, cited] of text.matchAll(CITED_PATH)) {
        if (!citedPathExists(cited)) stale.push(`  ${file}:${line} cites ${cited.replace(/[.]+$/, '')}`);
      }
      for (const [, note] of text.matchAll(CITED_NOTE)) {
        if (!FILE_SET.has(note) && !FILES.some((other) => other.endsWith(`/${note}`))) stale.push(`  ${file}:${line} cites ${note}`);
      }
    }
  }
  assert.deepEqual(stale, [], `${stale.length} comment(s) cite what is not in the repository:\n${stale.join('\n')}`);
});
