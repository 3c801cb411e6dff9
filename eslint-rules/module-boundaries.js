// @ts-check
import { dirname, relative, resolve, sep } from 'node:path';

/**
 * Keeps the modular monolith modular (ARCHITECTURE.md, docs/decisions/0001): arrows point one way,
 * platform ← modules ← the composition root (src/*.ts).
 *  - src/platform/** never imports from src/modules/** nor from src/*.ts (modules plug into the
 *    platform through the Module contract and the list in src/modules.ts, not the other way round);
 *  - src/modules/<a>/** imports another module only through src/modules/<b>/index.ts, its one
 *    public surface, and never the composition root (src/*.ts) — tests beside the code may;
 *  - src/*.ts reach a module only through its index.ts.
 * Relative specifiers are resolved against the importing file, so `../../modules/x/y.ts` is
 * caught wherever it is written; package imports are ignored.
 *
 * @type {import('eslint').Rule.RuleModule}
 */
export default {
  meta: {
    type: 'problem',
    docs: {
      description:
        'Platform never imports modules or the composition root; modules import each other only through index.ts and never the composition root; src/*.ts reach modules through index.ts.',
    },
    schema: [],
    messages: {
      platformImportsModule:
        'src/platform must not import from src/modules ("{{specifier}}" is {{target}}). Let the module plug in through its Module and src/modules.ts instead.',
      importsCompositionRoot:
        '{{from}} must not import the composition root ("{{specifier}}" is {{target}}): src/*.ts import the platform and the modules, never the other way round. Pass what you need in through the Module context.',
      moduleInternals:
        'Module "{{from}}" may use module "{{to}}" only through src/modules/{{to}}/index.ts ("{{specifier}}" is {{target}}). Export what you need from its index.ts.',
      rootInternals:
        '{{from}} may use module "{{to}}" only through src/modules/{{to}}/index.ts ("{{specifier}}" is {{target}}). Export what you need from its index.ts.',
    },
  },
  create(context) {
    const cwd = context.cwd;
    const from = toPosix(relative(cwd, context.filename));
    const fromModule = /^src\/modules\/([^/]+)\//.exec(from)?.[1];
    const inPlatform = from.startsWith('src/platform/');
    const inRoot = /^src\/[^/]+\.tsx?$/.test(from);
    const isTest = /\.test\.tsx?$/.test(from);
    if (!fromModule && !inPlatform && !inRoot) return {};

    /** @param {import('estree').Node | null | undefined} node @param {unknown} value */
    function check(node, value) {
      if (!node || typeof value !== 'string' || !value.startsWith('.')) return;
      const target = toPosix(relative(cwd, resolve(dirname(context.filename), value)));
      if (/^src\/[^/]+\.tsx?$/.test(target) && !inRoot) {
        // Tests may build the whole app from the composition root (src/modules.ts).
        if (inPlatform || !isTest)
          context.report({ node, messageId: 'importsCompositionRoot', data: { from, specifier: value, target } });
        return;
      }
      const targetModule = /^src\/modules\/([^/]+)(?:\/(.*))?$/.exec(target);
      if (!targetModule) return;
      if (inPlatform) {
        context.report({ node, messageId: 'platformImportsModule', data: { specifier: value, target } });
        return;
      }
      const [, to, rest] = targetModule;
      if (to === fromModule || rest === 'index.ts' || rest === 'index.tsx') return;
      if (inRoot)
        context.report({ node, messageId: 'rootInternals', data: { from, to: to ?? '', specifier: value, target } });
      else
        context.report({
          node,
          messageId: 'moduleInternals',
          data: { from: fromModule ?? '', to: to ?? '', specifier: value, target },
        });
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => check(node.source, node.source?.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => {
        if (node.source.type === 'Literal') check(node.source, node.source.value);
      },
      /** `import('../x/y.ts').Type` in a type position. @param {any} node */
      TSImportType: (node) => {
        // typescript-eslint ≥ 8.x names the string `source`; older versions wrap it in `argument`.
        const literal =
          'source' in node && node.source
            ? node.source
            : node.argument?.type === 'TSLiteralType'
              ? node.argument.literal
              : node.argument;
        if (literal?.type === 'Literal') check(literal, literal.value);
      },
    };
  },
};

/** @param {string} path */
function toPosix(path) {
  return path.split(sep).join('/');
}
