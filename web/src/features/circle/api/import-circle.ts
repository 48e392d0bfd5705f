import type { CircleExport } from "@chorus/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../../../lib/api-client";

/** Fills this new, empty circle from another instance's export; the server checks the file. */
export function useImportCircle() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: CircleExport) => api.self.circles.importData(file),
    // Members, chores, points and the circle's name all changed.
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
