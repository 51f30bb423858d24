// Lint for every TypeScript file, with type information: each part is checked against the tsconfig of the
// runtime it runs in (extension: Node, webview: DOM, tests/tools: both).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Import boundaries between the code's parts (test/unit/boundaries.test.ts lints violations of each).
// A relative import is judged by where it lands: from a file `depth` folders below the repo root, a specifier with n
// leading `../` lands n folders up, and what follows must stay inside one of the folders the part may import.
const DEEPEST_FOLDER = 6;

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Regexes of the relative specifiers that leave `allowed` (repo-root folders) from a file in `dir`. */
function leavingSpecifiers(dir, allowed) {
  const segments = dir.split('/');
  const patterns = [];
  for (let ups = 0; ups <= segments.length; ups++) {
    const landing = segments.slice(0, segments.length - ups).join('/');
    const lead = ups === 0 ? '\\./' : `(\\.\\./){${ups}}`;
    if (allowed.some((folder) => landing === folder || landing.startsWith(`${folder}/`))) continue;
    const continuations = allowed
      .filter((folder) => landing === '' || folder.startsWith(`${landing}/`))
      .map((folder) => `${escape(landing === '' ? folder : folder.slice(landing.length + 1))}(/|$)`);
    const permitted = continuations.length === 0 ? '' : `(?!${continuations.join('|')})`;
    patterns.push(`^${lead}(?!\\.\\./)${permitted}`);
  }
  // Past the repo root.
  patterns.push(`^(\\.\\./){${segments.length + 1}}`);
  return patterns;
}

/**
 * Config blocks for the files of `folder`, one per depth of subfolder: relative imports only into `allowed` folders
 * (undefined: anywhere); `forbiddenPackages` is a regex of the non-relative specifiers forbidden.
 */
function boundary(folder, { allowed, forbiddenPackages, message }) {
  const blocks = [];
  for (let depth = 0; depth <= DEEPEST_FOLDER; depth++) {
    const dir = [folder, ...Array(depth).fill('*')].join('/');
    // Any subfolder's name serves: where a specifier lands depends only on how deep the file is.
    const relative = allowed ? leavingSpecifiers(dir.replace(/\*/g, 'x'), allowed) : [];
    blocks.push({
      files: [`${dir}/*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          { patterns: [...relative, forbiddenPackages].map((regex) => ({ regex, message })) },
        ],
      },
    });
  }
  return blocks;
}

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'node_modules/', '.vscode-test/', 'test-results/', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './webview/tsconfig.json', './tsconfig.test.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // node:test's describe/it return promises that the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }] },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      // Re-rejecting what a caught promise rejected with keeps its reason, whatever it is.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    // Tests read untyped JSON (manifests, exports, server bodies) to assert on it; the value checks are the asserts.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  // The webview runs in the browser and gets the extension's results through messages: it imports its own modules,
  // the shared ones and the UI toolkit, never the extension's.
  ...boundary('webview', {
    allowed: ['webview', 'src/shared'],
    forbiddenPackages: '^(?![./]|@vscode/webview-ui-toolkit(/|$))',
    message: 'The webview imports only webview/, src/shared/ and @vscode/webview-ui-toolkit.',
  }),
  // Bundled into both the extension (Node) and the webview (browser): nothing outside src/shared, no package.
  ...boundary('src/shared', {
    allowed: ['src/shared'],
    forbiddenPackages: '^(?![./])',
    message: 'src/shared imports nothing outside src/shared (no vscode, no node: modules, no packages).',
  }),
  // The endpoint layer runs outside VS Code too (sample API, bench): no vscode, no other part of the extension.
  ...boundary('src/capillary', {
    allowed: ['src/capillary', 'src/shared'],
    forbiddenPackages: '^vscode$',
    message: 'src/capillary imports no vscode and, of src/, only src/capillary and src/shared.',
  }),
  // The reconciliation is pure: testable and reusable without VS Code.
  ...boundary('src/targetProgress', {
    forbiddenPackages: '^vscode$',
    message: 'src/targetProgress imports no vscode.',
  }),
);
