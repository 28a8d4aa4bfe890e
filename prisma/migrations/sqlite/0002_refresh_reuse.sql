-- AlterTable
ALTER TABLE "Session" ADD COLUMN "previousRefreshHash" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Session_previousRefreshHash_key" ON "Session"("previousRefreshHash");

