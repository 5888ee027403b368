import { secureHeaders } from 'hono/secure-headers';

/**
 * AUTH-20: the headers every answer carries — an API's JSON, a file of the client, the app shell,
 * an error. The Content-Security-Policy allows only the server's own scripts (the built client is
 * external files, `client/index.html` has no inline script and the service worker is `/sw.js`),
 * styles and sockets; no page may frame the app (`frame-ancestors 'none'`, and `X-Frame-Options`
 * for older browsers). `same-origin` referrers, not `no-referrer`: under `no-referrer` a browser
 * sends `Origin: null` on the app's own POST requests, which the origin check (AUTH-3) refuses.
 * No Strict-Transport-Security: on a school network with a self-signed certificate it would make
 * the browser's warning impossible to click through (README: HTTPS on a school network).
 */
export function securityHeaders() {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // Solid sets dynamic styles through the CSSOM, which CSP does not govern: no inline styles.
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'"],
      // 'self' covers the app's own ws:/wss: sockets (CSP Level 3).
      connectSrc: ["'self'"],
      workerSrc: ["'self'"],
      manifestSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'same-origin',
    strictTransportSecurity: false,
  });
}
