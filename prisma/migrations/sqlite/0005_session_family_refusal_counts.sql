-- CreateTable
CREATE TABLE "SpentRefreshToken" (
    "hash" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SpentRefreshToken_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_EnrollmentAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenId" TEXT,
    "nodeId" TEXT,
    "outcome" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "sourceAddr" TEXT NOT NULL,
    "hostname" TEXT,
    "machineId" TEXT,
    "count" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_EnrollmentAttempt" ("createdAt", "hostname", "id", "machineId", "nodeId", "outcome", "reason", "sourceAddr", "tokenId") SELECT "createdAt", "hostname", "id", "machineId", "nodeId", "outcome", "reason", "sourceAddr", "tokenId" FROM "EnrollmentAttempt";
DROP TABLE "EnrollmentAttempt";
ALTER TABLE "new_EnrollmentAttempt" RENAME TO "EnrollmentAttempt";
CREATE INDEX "EnrollmentAttempt_createdAt_idx" ON "EnrollmentAttempt"("createdAt");
CREATE INDEX "EnrollmentAttempt_tokenId_idx" ON "EnrollmentAttempt"("tokenId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SpentRefreshToken_sessionId_idx" ON "SpentRefreshToken"("sessionId");

