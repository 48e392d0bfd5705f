-- A member's language for the web app (decision 0047): follow the browser, or one of the translated languages.
CREATE TYPE "LanguageChoice" AS ENUM ('system', 'en', 'de', 'fr', 'es');
ALTER TABLE "User" ADD COLUMN "language" "LanguageChoice" NOT NULL DEFAULT 'system';
