/** A count next to a navigation link; says what it counts to screen readers. */
export function UnreadBadge({ count }: { count: number | undefined }) {
  if (!count) return null;
  return (
    <span className="badge badge--unread" aria-label={`${count} new`}>
      {count > 99 ? "99+" : count}
    </span>
  );
}
