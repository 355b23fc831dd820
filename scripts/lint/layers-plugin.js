// A lint rule that keeps the layers apart: which folder may import which. It resolves every
// relative import against the importing file, so `../shell/x.ts` and `../../main/shell/x.ts`
// are judged the same. The table lives in .oxlintrc.json (rule options), not here.
import { builtinModules } from 'node:module';
import path from 'node:path';

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** `main/engine/x.ts` matches `main/engine/**`, `main/index.ts` matches itself. */
function matches(file, pattern) {
  if (pattern.endsWith('/**')) return file.startsWith(pattern.slice(0, -2));
  return file === pattern;
}

function describeTarget(specifier, fromFile, root) {
  if (specifier.startsWith('.')) {
    const resolved = path.relative(root, path.resolve(path.dirname(fromFile), specifier));
    return { kind: 'file', name: resolved.split(path.sep).join('/') };
  }
  if (NODE_BUILTINS.has(specifier) || NODE_BUILTINS.has(specifier.split('/')[0]))
    return { kind: 'node-builtin', name: specifier };
  return { kind: 'package', name: specifier };
}

/**
 * Options: `{ layers: [{ files, forbid?, allowOnly?, forbidNodeBuiltins?, because }] }`.
 * `forbid` lists packages and file patterns the layer must not import; `allowOnly`, when
 * given, is the complete list of what it may import.
 */
const layersRule = {
  meta: { type: 'problem', schema: false },
  create(context) {
    const root = context.cwd;
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    const layers = (context.options[0]?.layers ?? []).filter((layer) =>
      layer.files.some((pattern) => matches(file, pattern)),
    );
    if (layers.length === 0) return {};

    function check(node, specifier) {
      if (typeof specifier !== 'string') return;
      const target = describeTarget(specifier, context.filename, root);
      for (const layer of layers) {
        const refused =
          (layer.forbidNodeBuiltins && target.kind === 'node-builtin') ||
          (layer.forbid ?? []).some((pattern) => matches(target.name, pattern)) ||
          (layer.allowOnly !== undefined &&
            !layer.allowOnly.some((pattern) => matches(target.name, pattern)));
        if (refused) {
          context.report({
            node,
            message: `${file} may not import ${target.name}: ${layer.because}`,
          });
          return;
        }
      }
    }

    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => check(node, node.source.value),
    };
  },
};

export default { meta: { name: 'tedee-tray' }, rules: { layers: layersRule } };
