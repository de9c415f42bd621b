import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// These tests load the *built* package by its own name, through package.json `exports`.
const require = createRequire(import.meta.url);
type Api = typeof import('../lib/index.js');

function exercise(api: Api): void {
  const errors = api.defineCatalog({
    INVALID_AUTH_TOKEN: { status: 401, message: 'Invalid auth token.', bearer: 'invalid_token' },
    INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
  }, { realm: 'api' });
  const err = errors.INVALID_AUTH_TOKEN();
  assert.equal(api.isHouseError(err), true);
  assert.equal(api.errorHandler(errors, { format: 'code-message' }).length, 4);
  assert.equal(typeof api.koaErrorHandler(errors, { format: 'code-message' }), 'function');
  const wire = api.wireForm(errors, err, { format: 'errorCode-reason' });
  assert.equal(wire.body, '{"errorCode":"INVALID_AUTH_TOKEN","reason":"Invalid auth token."}');
  assert.equal(wire.headers['WWW-Authenticate'], 'Bearer realm="api", error="invalid_token", error_description="Invalid auth token."');
}

describe('the built package', () => {
  before(() => {
    assert.ok(existsSync('dist/esm/index.js') && existsSync('dist/cjs/index.js'), 'run `npm run build` first (npm test does)');
  });

  it('loads with require() (CommonJS build)', () => {
    exercise(require('house-errors') as Api);
    assert.ok(require.resolve('house-errors').includes(`dist${require('node:path').sep}cjs`));
  });

  it('loads with import (ESM build)', async () => {
    exercise(await import('house-errors') as unknown as Api);
  });

  it('recognises an error of the CommonJS copy in the ESM copy (Symbol.for brand)', async () => {
    const cjs = require('house-errors') as Api;
    const esm = await import('house-errors') as unknown as Api;
    assert.notEqual(cjs.HouseError, esm.HouseError);
    const errors = cjs.defineCatalog({ E: { status: 500, message: 'x' } });
    assert.equal(esm.isHouseError(errors.E()), true);
  });

  it('answers an error of the CommonJS copy with the ESM middleware as its own (no dual-package hazard)', async () => {
    const cjs = require('house-errors') as Api;
    const esm = await import('house-errors') as unknown as Api;
    const errors = cjs.defineCatalog({
      '{RESOURCE}_NOT_EXIST': { status: 404, message: 'No such {RESOURCE}.' },
      NOT_ENOUGH_PERMISSION: { status: 403, message: 'Not enough permission.', bearer: 'insufficient_scope' },
      INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
    });
    const family = esm.wireForm(errors, errors['{RESOURCE}_NOT_EXIST']({ RESOURCE: 'USER' }), { format: 'code-message' });
    assert.equal(family.status, 404);
    assert.equal(family.body, '{"code":"USER_NOT_EXIST","message":"No such USER."}');
    const scoped = esm.wireForm(errors, errors.NOT_ENOUGH_PERMISSION({}, { scope: ['a'] }), { format: 'code-message' });
    assert.equal(scoped.headers['WWW-Authenticate'], 'Bearer error="insufficient_scope", error_description="Not enough permission.", scope="a"');
    const refused = esm.wireForm(errors, errors['{RESOURCE}_NOT_EXIST']({ RESOURCE: 'a b' }), { format: 'code-message' });
    assert.equal(refused.status, 500);
    assert.equal(errors['{RESOURCE}_NOT_EXIST'].is(esm.defineCatalog({ E: { status: 500, message: 'x' } }).E()), false);
  });

  it('ships declarations a strict consumer compiles against with no @types and skipLibCheck off', () => {
    const tsc = require.resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', 'test/consumer/tsconfig.json'], { stdio: 'pipe' });
  });
});
