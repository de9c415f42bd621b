// The second majors are installed as npm aliases; they share the types of the current majors.
declare module 'express4' {
  import express from 'express';
  export default express;
}
declare module 'koa2' {
  import Koa from 'koa';
  export default Koa;
}
declare module 'auth-header' {
  /** A parsed `WWW-Authenticate` / `Authorization` value. */
  export interface Token {
    scheme: string;
    token: string | string[] | null;
    params: Record<string, string | string[]>;
  }
  export function parse(header: string): Token;
  export function format(token: Partial<Token>): string;
}
