-- Step-up before acting as a member (decision 0020): which secret a sign-in was made with,
-- so a step-up asks for the same one, and when it last proved it again.
CREATE TYPE "SignInMethod" AS ENUM ('password', 'pin');
ALTER TABLE "Session" ADD COLUMN "signInMethod" "SignInMethod" NOT NULL DEFAULT 'password';
ALTER TABLE "Session" ADD COLUMN "steppedUpAt" TIMESTAMP(3);
