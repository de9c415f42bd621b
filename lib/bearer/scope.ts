/**
 * The scope check: every required scope must be granted by the token's `scope` claim
 * (space-separated, RFC 8693 §4.2) or `scp` claim (the name some issuers use), each a
 * string or an array of strings.
 */
import type { AuthPayload } from './types.js';

/** The required scopes the token does not grant, in the order they were required. */
export function missingScopes(payload: AuthPayload, required: readonly string[]): string[] {
  const granted = new Set<string>();
  grant(granted, payload.scope);
  grant(granted, payload.scp);
  return required.filter((scope) => !granted.has(scope));
}

function grant(granted: Set<string>, claim: unknown): void {
  if (typeof claim === 'string') {
    for (const scope of claim.split(' ')) if (scope !== '') granted.add(scope);
  } else if (Array.isArray(claim)) {
    for (const scope of claim) if (typeof scope === 'string') granted.add(scope);
  }
}
