-- Joint ventures on the contractor side (issue 8): the firms with their shares, and one contract signature per firm.
-- DropIndex
DROP INDEX "ContractSignature_contractId_edition_side_key";

-- AlterTable
ALTER TABLE "Contract" ADD COLUMN     "jointVentureName" TEXT;

-- CreateTable
CREATE TABLE "ContractJointVentureMember" (
    "id" UUID NOT NULL,
    "contractId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "shareBasisPoints" INTEGER NOT NULL,

    CONSTRAINT "ContractJointVentureMember_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ContractJointVentureMember_organizationId_idx" ON "ContractJointVentureMember"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "ContractJointVentureMember_contractId_organizationId_key" ON "ContractJointVentureMember"("contractId", "organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "ContractJointVentureMember_contractId_position_key" ON "ContractJointVentureMember"("contractId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "ContractSignature_contractId_edition_organizationId_key" ON "ContractSignature"("contractId", "edition", "organizationId");

-- AddForeignKey
ALTER TABLE "ContractJointVentureMember" ADD CONSTRAINT "ContractJointVentureMember_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractJointVentureMember" ADD CONSTRAINT "ContractJointVentureMember_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;



-- A share is a part of the whole: at least 0.01 %, less than 100 %.
ALTER TABLE "ContractJointVentureMember" ADD CONSTRAINT "ContractJointVentureMember_share_check" CHECK ("shareBasisPoints" BETWEEN 1 AND 9999);
