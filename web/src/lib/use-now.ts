import { useEffect, useState } from "react";

/** The time now in milliseconds, re-rendering every `intervalMs`: for what changes as time passes. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
