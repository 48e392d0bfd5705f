import { useQuery } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";

/** Whether this server offers password sign-in and a single sign-on provider (decision 0040); fixed while it runs. */
export function useAuthOptions() {
  const api = useApi();
  return useQuery({ queryKey: ["authOptions"], queryFn: () => api.self.auth.options(), staleTime: Infinity });
}
