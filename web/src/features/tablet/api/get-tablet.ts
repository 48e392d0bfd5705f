import type { ChorusClient } from "@chorus/shared";
import { useQuery } from "@tanstack/react-query";

/** The tablet's name, circle and member tiles, with the device token in `device`. */
export function useTablet(device: ChorusClient) {
  return useQuery({
    queryKey: ["tablet", device.getToken()],
    queryFn: () => device.tablet.current(),
    // Members come and go; a wall tablet should notice without a reload.
    refetchInterval: 5 * 60_000,
  });
}
