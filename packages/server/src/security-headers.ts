/**
 * The security headers of every response (API, the web app's page and its files, errors, 404),
 * set by helmet's middleware, made once per server (`http.ts`):
 *
 * - Content-Security-Policy: scripts only from the server itself (no inline script, no eval);
 *   styles from the server and inline `style` attributes (React and the charts set them); images
 *   and fonts from the server or `data:`; fetches only to the server; no plugins; the page may not
 *   be framed (`frame-ancestors 'none'`); forms post only to the server.
 * - X-Frame-Options: DENY, X-Content-Type-Options: nosniff, Referrer-Policy: same-origin,
 *   Cross-Origin-Opener-Policy and Cross-Origin-Resource-Policy: same-origin.
 * - Behind HTTPS (secure cookies): Strict-Transport-Security for a year and
 *   `upgrade-insecure-requests`; over plain HTTP (a local start) neither, as they would send the
 *   browser to an HTTPS port that does not answer.
 */
import type { HelmetOptions } from "helmet";

export const CSP_DIRECTIVES: Record<string, string[]> = {
  "default-src": ["'self'"],
  "script-src": ["'self'"],
  "script-src-attr": ["'none'"],
  "style-src": ["'self'", "'unsafe-inline'"],
  "img-src": ["'self'", "data:", "blob:"],
  "font-src": ["'self'", "data:"],
  "connect-src": ["'self'"],
  "object-src": ["'none'"],
  "base-uri": ["'none'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
};

export function helmetOptions(secure: boolean): HelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: secure ? { ...CSP_DIRECTIVES, "upgrade-insecure-requests": [] } : CSP_DIRECTIVES,
    },
    xFrameOptions: { action: "deny" },
    referrerPolicy: { policy: "same-origin" },
    strictTransportSecurity: secure ? { maxAge: 365 * 24 * 3600, includeSubDomains: true } : false,
    crossOriginOpenerPolicy: { policy: "same-origin" },
    crossOriginResourcePolicy: { policy: "same-origin" },
    crossOriginEmbedderPolicy: false,
  };
}
