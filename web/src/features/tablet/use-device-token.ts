import { useState } from "react";

/** The tablet's device token lives in this device's localStorage: the tablet stays set up across restarts. */
const DEVICE_TOKEN_KEY = "chorus.deviceToken";

export function useDeviceToken(): [string | null, (token: string | null) => void] {
  const [token, setToken] = useState(() => localStorage.getItem(DEVICE_TOKEN_KEY));
  const store = (next: string | null) => {
    if (next === null) localStorage.removeItem(DEVICE_TOKEN_KEY);
    else localStorage.setItem(DEVICE_TOKEN_KEY, next);
    setToken(next);
  };
  return [token, store];
}
