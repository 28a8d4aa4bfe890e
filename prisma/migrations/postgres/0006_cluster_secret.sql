-- CreateTable
CREATE TABLE "ClusterSecret" (
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClusterSecret_pkey" PRIMARY KEY ("name")
);

