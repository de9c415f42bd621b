/**
 * The whole check, framework-free: find the token, read the access key, decode, get the
 * key, verify, check scopes. Express and Koa adapters only place the result.
 */
import { isHouseError } from '../catalog/house-error.js';
import { BearerKeyError } from './errors.js';
import { decodeToken } from './decode.js';
import { extractToken } from './extract.js';
import { missingScopes } from './scope.js';
import type { BearerSetup } from './options.js';
import type { AuthPayload, BearerRequest } from './types.js';
import { createKeyCache, storedKey, usableKey, verifyToken } from './verify.js';

/** Authenticates one request: the verified payload, or a rejection with the error to answer. */
export type Authenticate = (req: BearerRequest) => Promise<AuthPayload>;

/** Builds the per-middleware authenticate function. */
export function createAuthenticator(setup: BearerSetup): Authenticate {
  const cache = createKeyCache();
  const { fail } = setup;
  return async function authenticate(req) {
    // Cheap checks first; key lookups (a database, a JWKS) only for tokens that could pass.
    const found = extractToken(req, setup.allowQuery);
    if (found.kind === 'missing') throw fail.missing();
    if (found.kind === 'malformed') throw fail.invalidRequest(undefined, { cause: found.reason });

    let accessKey: unknown;
    if (setup.accessKey !== undefined) {
      accessKey = setup.accessKey(req);
      if (typeof accessKey !== 'string' || accessKey === '') throw fail.missingAccessKey!(undefined, { cause: 'no access key' });
    }

    const decoded = decodeToken(found.token, setup.accepted);
    if (typeof decoded === 'string') throw fail.invalid(undefined, { cause: decoded });

    let key = setup.secret;
    if (key === undefined) {
      if (setup.keys !== undefined) {
        key = storedKey(setup, decoded);
      } else if (setup.getKey !== undefined) {
        const material = await lookUp(() => setup.getKey!(decoded.header, decoded.payload), 'getKey');
        key = usableKey(setup, cache, material, decoded, 'getKey');
      } else {
        const material = await lookUp(() => setup.verifyAccessKey!(accessKey as string), 'verifyAccessKey');
        if (material === undefined || material === null) throw fail.invalidAccessKey!(undefined, { cause: 'unknown access key' });
        key = usableKey(setup, cache, material, decoded, 'verifyAccessKey');
      }
    }

    const payload = verifyToken(setup, found.token, decoded, key);
    if (setup.scope.length > 0) {
      const missing = missingScopes(payload, setup.scope);
      if (missing.length > 0) throw fail.insufficientScope!(undefined, { scope: missing });
    }
    return payload;
  };
}

// A lookup that throws or rejects is the server's failure, unless it chose a catalog error.
async function lookUp(call: () => unknown, name: string): Promise<unknown> {
  try {
    return await call();
  } catch (err) {
    throw isHouseError(err) ? err : new BearerKeyError(`${name} failed`, { cause: err });
  }
}
