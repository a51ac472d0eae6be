-- CreateEnum
CREATE TYPE "ContractDocumentKind" AS ENUM ('CHANGE', 'UNIT_PRICES', 'INSPECTION', 'INVOICE');

-- CreateEnum
CREATE TYPE "ContractDocumentStatus" AS ENUM ('DRAFT', 'SENT', 'RETURNED', 'COMPLETED', 'CANCELLED');

-- AlterTable
ALTER TABLE "ContractEvent" ADD COLUMN     "documentId" UUID;

-- CreateTable
CREATE TABLE "ContractDocument" (
    "id" UUID NOT NULL,
    "contractId" UUID NOT NULL,
    "kind" "ContractDocumentKind" NOT NULL,
    "number" INTEGER NOT NULL,
    "status" "ContractDocumentStatus" NOT NULL DEFAULT 'DRAFT',
    "content" JSONB NOT NULL,
    "amount" BIGINT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "edition" INTEGER NOT NULL DEFAULT 0,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "sentAt" TIMESTAMPTZ(3),
    "completedAt" TIMESTAMPTZ(3),
    "cancelledAt" TIMESTAMPTZ(3),

    CONSTRAINT "ContractDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContractDocumentRevision" (
    "id" UUID NOT NULL,
    "documentId" UUID NOT NULL,
    "edition" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,
    "pdf" BYTEA NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContractDocumentRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContractDocumentSignature" (
    "id" UUID NOT NULL,
    "documentId" UUID NOT NULL,
    "edition" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "side" "ContractSide" NOT NULL,
    "fieldName" TEXT NOT NULL,
    "signerUserId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "certificateId" UUID NOT NULL,
    "delegationId" UUID,
    "signedAt" TIMESTAMPTZ(3) NOT NULL,
    "timestampSerialHex" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContractDocumentSignature_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ContractDocument_contractId_createdAt_idx" ON "ContractDocument"("contractId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ContractDocument_contractId_kind_number_key" ON "ContractDocument"("contractId", "kind", "number");

-- CreateIndex
CREATE UNIQUE INDEX "ContractDocumentRevision_documentId_edition_revision_key" ON "ContractDocumentRevision"("documentId", "edition", "revision");

-- CreateIndex
CREATE INDEX "ContractDocumentSignature_signerUserId_idx" ON "ContractDocumentSignature"("signerUserId");

-- CreateIndex
CREATE UNIQUE INDEX "ContractDocumentSignature_documentId_edition_position_key" ON "ContractDocumentSignature"("documentId", "edition", "position");

-- CreateIndex
CREATE INDEX "ContractEvent_documentId_idx" ON "ContractEvent"("documentId");

-- AddForeignKey
ALTER TABLE "ContractEvent" ADD CONSTRAINT "ContractEvent_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "ContractDocument"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractDocument" ADD CONSTRAINT "ContractDocument_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractDocumentRevision" ADD CONSTRAINT "ContractDocumentRevision_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "ContractDocument"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractDocumentSignature" ADD CONSTRAINT "ContractDocumentSignature_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "ContractDocument"("id") ON DELETE CASCADE ON UPDATE CASCADE;


