-- CreateEnum
CREATE TYPE "ContractStatus" AS ENUM ('DRAFT', 'SENT', 'RETURNED', 'SIGNED_BY_CONTRACTOR', 'COMPLETED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "ContractSide" AS ENUM ('ORDERER', 'CONTRACTOR');

-- CreateEnum
CREATE TYPE "Currency" AS ENUM ('KRW', 'JPY');

-- CreateEnum
CREATE TYPE "GuaranteeKind" AS ENUM ('ADVANCE_PAYMENT', 'INTERIM_ADVANCE_PAYMENT', 'CONTRACT_PERFORMANCE', 'DEFECT_REPAIR');

-- CreateEnum
CREATE TYPE "ContractEventKind" AS ENUM ('CREATED', 'UPDATED', 'SENT', 'RETURNED', 'SIGNED', 'COMPLETED', 'CANCELLED');

-- AlterTable
ALTER TABLE "Delegation" ADD COLUMN     "grantCertificateId" UUID,
ADD COLUMN     "grantSignedData" BYTEA,
ADD COLUMN     "grantStatement" BYTEA,
ADD COLUMN     "grantStatementId" UUID,
ADD COLUMN     "revocationCertificateId" UUID,
ADD COLUMN     "revocationSignedData" BYTEA,
ADD COLUMN     "revocationStatement" BYTEA,
ADD COLUMN     "revocationStatementId" UUID;

-- CreateTable
CREATE TABLE "Contract" (
    "id" UUID NOT NULL,
    "ordererOrganizationId" UUID NOT NULL,
    "contractorOrganizationId" UUID NOT NULL,
    "contractNumber" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "currency" "Currency" NOT NULL,
    "worksStartDate" DATE NOT NULL,
    "worksEndDate" DATE NOT NULL,
    "contractDate" DATE NOT NULL,
    "place" TEXT NOT NULL DEFAULT '',
    "termsSections" JSONB NOT NULL DEFAULT '[]',
    "annexPdf" BYTEA,
    "annexFileName" TEXT,
    "annexSha256" TEXT,
    "requiredGuarantees" "GuaranteeKind"[],
    "status" "ContractStatus" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "edition" INTEGER NOT NULL DEFAULT 0,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "sentAt" TIMESTAMPTZ(3),
    "completedAt" TIMESTAMPTZ(3),
    "cancelledAt" TIMESTAMPTZ(3),

    CONSTRAINT "Contract_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContractContact" (
    "id" UUID NOT NULL,
    "contractId" UUID NOT NULL,
    "side" "ContractSide" NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "department" TEXT NOT NULL DEFAULT '',
    "phone" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "ContractContact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContractRevision" (
    "id" UUID NOT NULL,
    "contractId" UUID NOT NULL,
    "edition" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,
    "pdf" BYTEA NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContractRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContractSignature" (
    "id" UUID NOT NULL,
    "contractId" UUID NOT NULL,
    "edition" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,
    "side" "ContractSide" NOT NULL,
    "fieldName" TEXT NOT NULL,
    "signerUserId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "certificateId" UUID NOT NULL,
    "delegationId" UUID,
    "signedAt" TIMESTAMPTZ(3) NOT NULL,
    "timestampSerialHex" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContractSignature_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContractEvent" (
    "id" UUID NOT NULL,
    "contractId" UUID NOT NULL,
    "kind" "ContractEventKind" NOT NULL,
    "edition" INTEGER NOT NULL,
    "actorUserId" UUID NOT NULL,
    "actorOrganizationId" UUID NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContractEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Contract_ordererOrganizationId_status_updatedAt_id_idx" ON "Contract"("ordererOrganizationId", "status", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Contract_contractorOrganizationId_status_updatedAt_id_idx" ON "Contract"("contractorOrganizationId", "status", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Contract_ordererOrganizationId_updatedAt_id_idx" ON "Contract"("ordererOrganizationId", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Contract_contractorOrganizationId_updatedAt_id_idx" ON "Contract"("contractorOrganizationId", "updatedAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Contract_ordererOrganizationId_contractNumber_key" ON "Contract"("ordererOrganizationId", "contractNumber");

-- CreateIndex
CREATE INDEX "ContractContact_contractId_side_position_idx" ON "ContractContact"("contractId", "side", "position");

-- CreateIndex
CREATE UNIQUE INDEX "ContractRevision_contractId_edition_revision_key" ON "ContractRevision"("contractId", "edition", "revision");

-- CreateIndex
CREATE INDEX "ContractSignature_signerUserId_idx" ON "ContractSignature"("signerUserId");

-- CreateIndex
CREATE UNIQUE INDEX "ContractSignature_contractId_edition_side_key" ON "ContractSignature"("contractId", "edition", "side");

-- CreateIndex
CREATE INDEX "ContractEvent_contractId_createdAt_idx" ON "ContractEvent"("contractId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Delegation_grantStatementId_key" ON "Delegation"("grantStatementId");

-- CreateIndex
CREATE UNIQUE INDEX "Delegation_revocationStatementId_key" ON "Delegation"("revocationStatementId");

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_ordererOrganizationId_fkey" FOREIGN KEY ("ordererOrganizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contract" ADD CONSTRAINT "Contract_contractorOrganizationId_fkey" FOREIGN KEY ("contractorOrganizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractContact" ADD CONSTRAINT "ContractContact_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractRevision" ADD CONSTRAINT "ContractRevision_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractSignature" ADD CONSTRAINT "ContractSignature_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractEvent" ADD CONSTRAINT "ContractEvent_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;


