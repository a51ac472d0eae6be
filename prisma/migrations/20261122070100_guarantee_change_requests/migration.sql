-- AlterEnum
ALTER TYPE "GuaranteeEventKind" ADD VALUE 'CHANGE_REQUESTED';

-- AlterTable
ALTER TABLE "Guarantee" ADD COLUMN     "changeRequest" JSONB;


