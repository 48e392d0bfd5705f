-- Two-step sign-in (decision 0041): TOTP with recovery codes, passkeys, and the challenges
-- between a password and its second step.
ALTER TABLE "Circle" ADD COLUMN "mfaRequiredForAdmins" BOOLEAN NOT NULL DEFAULT false;
-- Wrong second-step codes in a row, each counted before it is checked, as the PIN lock does.
ALTER TABLE "User" ADD COLUMN "mfaFailures" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "User" ADD COLUMN "mfaLockedUntil" TIMESTAMP(3);

CREATE TABLE "TotpFactor" (
    "userId" INTEGER NOT NULL,
    "secret" TEXT NOT NULL,
    "confirmedAt" TIMESTAMP(3),
    "lastUsedStep" BIGINT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TotpFactor_pkey" PRIMARY KEY ("userId"),
    CONSTRAINT "TotpFactor_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "RecoveryCode" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "codeHash" TEXT NOT NULL,
    "usedAt" TIMESTAMP(3),
    CONSTRAINT "RecoveryCode_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "RecoveryCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "RecoveryCode_userId_codeHash_key" ON "RecoveryCode"("userId", "codeHash");

CREATE TABLE "Passkey" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "credentialId" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "counter" BIGINT NOT NULL DEFAULT 0,
    "transports" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    CONSTRAINT "Passkey_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Passkey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "Passkey_credentialId_key" ON "Passkey"("credentialId");
CREATE INDEX "Passkey_userId_idx" ON "Passkey"("userId");

-- A password sign-in waiting for its second step (`sign_in`), or for an admin's enrolment
-- their circle requires (`enrol`); and WebAuthn challenges. Stored as hashes, single-use, short-lived.
CREATE TYPE "MfaChallengePurpose" AS ENUM ('sign_in', 'enrol', 'passkey_register', 'passkey_sign_in');
CREATE TABLE "MfaChallenge" (
    "tokenHash" TEXT NOT NULL,
    "purpose" "MfaChallengePurpose" NOT NULL,
    "userId" INTEGER,
    "webauthnChallenge" TEXT,
    -- How the first step signed in, for the session the second step starts (decision 0020's step-up asks for it).
    "signInMethod" "SignInMethod" NOT NULL DEFAULT 'password',
    "expiresAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "MfaChallenge_pkey" PRIMARY KEY ("tokenHash"),
    CONSTRAINT "MfaChallenge_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "MfaChallenge_expiresAt_idx" ON "MfaChallenge"("expiresAt");
