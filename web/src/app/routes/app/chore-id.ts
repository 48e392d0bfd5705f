import { useParams } from "react-router";

/** The :choreId route parameter as a number, or null when it is not a valid id. */
export function useChoreIdParam(): number | null {
  const { choreId } = useParams();
  return choreId && /^[1-9][0-9]{0,9}$/.test(choreId) ? Number(choreId) : null;
}
