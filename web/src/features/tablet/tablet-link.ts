/**
 * The link an admin's QR code opens on the tablet: `/tablet#token=…`. The token rides in
 * the fragment, which browsers never send to the server, so it stays out of server and
 * proxy logs; the tablet page stores it and removes it from the address bar.
 */
const TOKEN_FRAGMENT = /^#token=(chorus_dev_[A-Za-z0-9_-]{20,})$/;

export function tabletLink(origin: string, deviceToken: string): string {
  return `${origin}/tablet#token=${deviceToken}`;
}

/** The token in this page's address, removed from it; null when there is none. */
export function takeTokenFromAddress(): string | null {
  const token = TOKEN_FRAGMENT.exec(window.location.hash)?.[1] ?? null;
  if (token) window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
  return token;
}
