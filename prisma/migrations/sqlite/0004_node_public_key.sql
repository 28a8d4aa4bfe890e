-- AlterTable
ALTER TABLE "Node" ADD COLUMN "publicKeySha256" TEXT;

