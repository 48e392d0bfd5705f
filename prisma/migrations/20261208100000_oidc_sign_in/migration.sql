-- Single sign-on with OpenID Connect (decision 0040).
-- A session made by the provider: a step-up asks for a new sign-in there, not for a password.
ALTER TYPE "SignInMethod" ADD VALUE 'oidc';

-- Which provider account signs in to which Chorus account: one per issuer and subject.
CREATE TABLE "OidcIdentity" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "email" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OidcIdentity_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "OidcIdentity_issuer_subject_key" ON "OidcIdentity"("issuer", "subject");
CREATE INDEX "OidcIdentity_userId_idx" ON "OidcIdentity"("userId");
ALTER TABLE "OidcIdentity" ADD CONSTRAINT "OidcIdentity_userId_fkey"
    FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A sign-in sent to the provider and not back yet: its state (sha256), PKCE verifier and nonce.
-- The callback deletes the row it uses, so a state works once.
CREATE TABLE "OidcSignIn" (
    "stateHash" TEXT NOT NULL,
    "codeVerifier" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "inviteCode" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "OidcSignIn_pkey" PRIMARY KEY ("stateHash")
);
CREATE INDEX "OidcSignIn_expiresAt_idx" ON "OidcSignIn"("expiresAt");
