-- A penalty's reversal (docs/decisions/0028-mandatory-chores-and-penalties.md). On its own:
-- a new enum value cannot be used in the transaction that adds it.
ALTER TYPE "PointsKind" ADD VALUE 'waived';
