-- AlterTable
ALTER TABLE "Node" ADD COLUMN     "heldBy" TEXT;

