-- A member's colour scheme (decision 0037): follow the device, or always light or dark.
CREATE TYPE "ThemeChoice" AS ENUM ('system', 'light', 'dark');
ALTER TABLE "User" ADD COLUMN "theme" "ThemeChoice" NOT NULL DEFAULT 'system';
