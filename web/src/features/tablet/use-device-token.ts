import { useState } from "react";
import { takeTokenFromAddress } from "./tablet-link";

/** The tablet's device token lives in this device's localStorage: the tablet stays set up across restarts. */
const DEVICE_TOKEN_KEY = "chorus.deviceToken";

/** A token in the address (a scanned QR code) replaces the stored one. */
function initialToken(): string | null {
  const linked = takeTokenFromAddress();
  if (linked) localStorage.setItem(DEVICE_TOKEN_KEY, linked);
  return linked ?? localStorage.getItem(DEVICE_TOKEN_KEY);
}

export function useDeviceToken(): [string | null, (token: string | null) => void] {
  const [token, setToken] = useState(initialToken);
  const store = (next: string | null) => {
    if (next === null) localStorage.removeItem(DEVICE_TOKEN_KEY);
    else localStorage.setItem(DEVICE_TOKEN_KEY, next);
    setToken(next);
  };
  return [token, store];
}
