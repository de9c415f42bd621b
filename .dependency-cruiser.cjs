// The layers of lib/, enforced by `npm run lint` (see CONTRIBUTING.md, "Layers").
// Each layer imports only the layers below it; nothing imports in a circle. Type-only imports count.
const LAYERS = [
  ['rules', '^lib/rules/'],
  ['formats', '^lib/formats/'],
  ['catalog', '^lib/catalog/'],
  ['http', '^lib/http/'],
  ['features', '^lib/(express|koa)\\.ts$|^lib/(bearer|docs|testing|validation)/'],
  ['entry points', '^lib/(index|cli)\\.ts$|^lib/cli/'],
];

const FEATURES = [
  ['express', '^lib/express\\.ts$'], ['koa', '^lib/koa\\.ts$'], ['bearer', '^lib/bearer/'], ['docs', '^lib/docs/'], ['testing', '^lib/testing/'], ['validation', '^lib/validation/'],
];

const below = (i) => LAYERS.slice(0, i + 1).map(([, path]) => `(${path})`).join('|');

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'Modules must not import each other in a circle.', from: {}, to: { circular: true } },
    ...LAYERS.map(([name, path], i) => ({
      name: `layer-${name.replace(/\W/g, '-')}`,
      severity: 'error',
      comment: `lib/ ${name} may import only its own layer and those below it.`,
      from: { path },
      to: { path: '^lib/', pathNot: below(i) },
    })),
    // The adapters, bearer/, docs/ and testing/ are siblings: each uses the core, none another.
    ...FEATURES.map(([name, path]) => ({
      name: `feature-${name}-stays-apart`,
      severity: 'error',
      comment: `${name} uses the core only, never another feature.`,
      from: { path },
      to: { path: FEATURES.filter(([other]) => other !== name).map(([, p]) => `(${p})`).join('|') },
    })),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
