/**
 * The public types of `house-errors/bearer`. They name no Node, Express, Koa or
 * jsonwebtoken type, so the published declarations compile on their own.
 */
import type { AnyCatalog, KeyOf } from '../catalog/types.js';

/** The JWS algorithms `bearerAuth` can be told to accept (`none` is not one of them). */
export const ALGORITHMS = [
  'HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512',
] as const;

/**
 * A JWS algorithm for `algorithms`.
 * @example const algorithms: Algorithm[] = ['RS256'];
 */
export type Algorithm = (typeof ALGORITHMS)[number];

/**
 * Node's `crypto.KeyObject`, described by shape so the published types need no `@types/node`.
 * @example const key: KeyObjectLike = crypto.createPublicKey(pem);
 */
export interface KeyObjectLike {
  readonly type: 'secret' | 'public' | 'private';
  readonly asymmetricKeyType?: string | undefined;
}

/**
 * A key that verifies signatures: a `crypto.KeyObject`, a public key as PEM, DER bytes or
 * base64 DER text (a private key works too: its public half is used), or an HMAC secret
 * (string or bytes that read as no key) of at least 32 bytes for HS256, 48 for HS384, 64 for HS512.
 * @example const key: VerificationKey = process.env.JWT_SECRET!;
 */
export type VerificationKey = string | Uint8Array | KeyObjectLike;

/**
 * The decoded JOSE header of a token, as `getKey` receives it (before the signature is checked).
 * @example getKey: (header) => keys.get(header.kid ?? '')
 */
export interface JwtHeader {
  /** The signing algorithm; always one of `algorithms` by the time `getKey` is called. */
  readonly alg: string;
  /** Key id, for key rotation. */
  readonly kid?: string;
  readonly typ?: string;
  readonly [name: string]: unknown;
}

/**
 * The verified token payload: `req.auth` (Express) and `ctx.state.auth` (Koa). Augment it
 * to type your own claims.
 * @example
 * declare module 'house-errors/bearer' {
 *   interface AuthPayload { tenant: string }
 * }
 */
export interface AuthPayload {
  readonly iss?: string;
  readonly sub?: string;
  readonly aud?: string | readonly string[];
  readonly exp?: number;
  readonly nbf?: number;
  readonly iat?: number;
  readonly jti?: string;
  /** Granted scopes, space-separated (RFC 8693) or as an array. */
  readonly scope?: string | readonly string[];
  /** Granted scopes under the name some issuers use (Azure AD, Okta). */
  readonly scp?: string | readonly string[];
  readonly [claim: string]: unknown;
}

/**
 * The request as the middleware reads it: Node's `IncomingMessage` (Express's `req`, Koa's `ctx.req`).
 * @example accessKey: (req: BearerRequest) => req.headers['x-access-key'] as string | undefined
 */
export interface BearerRequest {
  readonly headers: { readonly [name: string]: string | readonly string[] | undefined };
  /** The headers as received; Node keeps only the first `Authorization` in `headers`, this shows a second. */
  readonly rawHeaders?: readonly string[];
  readonly url?: string | undefined;
}

/**
 * Which catalog definition answers each failure, by catalog key. Checked at startup: the
 * key must exist, have no placeholders, and have the status and `bearer` its failure needs.
 * @example
 * codes: { missing: 'MISSING_AUTH_TOKEN', invalid: 'INVALID_AUTH_TOKEN', expired: 'EXPIRED_AUTH_TOKEN' }
 */
export interface BearerCodes<C extends AnyCatalog> {
  /** No Bearer credentials (401, `bearer: true`: the challenge carries no error, RFC 6750 §3.1). */
  readonly missing: KeyOf<C>;
  /** Malformed, wrongly signed, not yet valid, wrong issuer/audience (401, `bearer: 'invalid_token'`). */
  readonly invalid: KeyOf<C>;
  /** Past `exp`, or older than `maxAgeSeconds` (401, `bearer: 'invalid_token'`). */
  readonly expired: KeyOf<C>;
  /** No `iat` claim with `requireIat` or `maxAgeSeconds` (401, `bearer: 'invalid_token'`). Required with them. */
  readonly missingIat?: KeyOf<C>;
  /** A required scope not granted (403, `bearer: 'insufficient_scope'`). Required with `scope`. */
  readonly insufficientScope?: KeyOf<C>;
  /** A malformed request: two credentials, empty Bearer… (400, `bearer: 'invalid_request'`). Default: `invalid`. */
  readonly invalidRequest?: KeyOf<C>;
  /** `accessKey` gave nothing (401, `bearer: 'invalid_token'`). Required with `accessKey`. */
  readonly missingAccessKey?: KeyOf<C>;
  /** `verifyAccessKey` knows no such key (401, `bearer: 'invalid_token'`). Required with `accessKey`. */
  readonly invalidAccessKey?: KeyOf<C>;
}

/**
 * Options of `bearerAuth` and `koaBearerAuth`. Exactly one key source: `secret`, `keys`,
 * `getKey`, or `accessKey` with `verifyAccessKey`. With `algorithms` mixing HMAC and
 * public-key ones, keys must be `KeyObject`s (text or bytes could be read as either kind).
 * @example
 * const options: BearerOptions<typeof errors> = {
 *   secret: process.env.JWT_SECRET!, algorithms: ['HS256'], requireIat: true,
 *   codes: { missing: 'MISSING_AUTH_TOKEN', invalid: 'INVALID_AUTH_TOKEN', expired: 'EXPIRED_AUTH_TOKEN', missingIat: 'MISSING_IAT_CLAIM' },
 * };
 */
export interface BearerOptions<C extends AnyCatalog> {
  /** Accepted signing algorithms; required, never inferred from the key, never `none`. */
  readonly algorithms: readonly Algorithm[];
  /** The one verification key. Must fit every algorithm in `algorithms` (checked at startup). */
  readonly secret?: VerificationKey;
  /**
   * Keys by `kid`, for key rotation without a lookup function. Read once at startup, own
   * properties only, each checked to fit one of `algorithms`; a token without a `kid`, or
   * whose `kid` is not listed (`__proto__` and `toString` included), is `invalid`.
   */
  readonly keys?: Readonly<Record<string, VerificationKey>>;
  /**
   * Looks up the key of a token (key rotation: by `header.kid`). It sees the header and the
   * *unverified* payload. Return undefined for a key it does not know (the token is `invalid`);
   * throw when the lookup itself fails (the answer is the 500 fallback). Look the kid up in a
   * `Map` or with `Object.hasOwn`: `store[kid]` answers `toString` with Object's own function.
   */
  readonly getKey?: (header: JwtHeader, payload: AuthPayload) => VerificationKey | undefined | Promise<VerificationKey | undefined>;
  /** Reads the client's access key from the request (seed 000's flow); undefined when absent. */
  readonly accessKey?: (req: BearerRequest) => string | undefined;
  /** The secret the token of this access key is signed with; undefined when the key is unknown. */
  readonly verifyAccessKey?: (accessKey: string) => VerificationKey | undefined | Promise<VerificationKey | undefined>;
  /** Accepted `iss`. */
  readonly issuer?: string | readonly string[];
  /** Accepted `aud` (any one of them). */
  readonly audience?: string | readonly string[];
  /** Leeway for `exp`, `nbf`, `iat` and `maxAgeSeconds`, in seconds: 0 (the default) to 300. */
  readonly clockToleranceSeconds?: number;
  /** Refuse tokens without an `iat` claim (`codes.missingIat`). */
  readonly requireIat?: boolean;
  /** Refuse tokens issued longer ago than this (`codes.expired`); implies `requireIat`. */
  readonly maxAgeSeconds?: number;
  /** Scopes the token must grant, all of them (from its `scope` or `scp` claim). */
  readonly scope?: readonly string[];
  /** Also accept `?access_token=` (RFC 6750 §2.3; off by default: URLs end up in logs). */
  readonly allowQueryToken?: boolean;
  /**
   * Not applied: the challenge's realm is the catalog's (`defineCatalog(…, { realm })`) or the
   * error handler's. When given, it must equal the catalog's realm (checked at startup).
   */
  readonly realm?: string;
  /** Catalog keys answering each failure. */
  readonly codes: BearerCodes<C>;
}
