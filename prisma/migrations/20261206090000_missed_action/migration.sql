-- Missed occurrences (docs/decisions/0031-missed-occurrences.md). On its own: a value added to
-- an enum cannot be used in the transaction that adds it, and the next migration's index uses it.
ALTER TYPE "HistoryAction" ADD VALUE 'missed';
