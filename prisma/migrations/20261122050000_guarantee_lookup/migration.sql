-- CreateEnum
CREATE TYPE "GuaranteeAcceptanceStatus" AS ENUM ('ACCEPTED', 'RETURNED');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "GuaranteeEventKind" ADD VALUE 'ACCEPTED';
ALTER TYPE "GuaranteeEventKind" ADD VALUE 'RETURNED_BY_ORDERER';

-- AlterTable
ALTER TABLE "Guarantee" ADD COLUMN     "acceptanceDecidedAt" TIMESTAMPTZ(3),
ADD COLUMN     "acceptanceDecidedById" UUID,
ADD COLUMN     "acceptanceReason" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "acceptanceStatus" "GuaranteeAcceptanceStatus";

-- AlterTable
ALTER TABLE "GuaranteeVersion" ADD COLUMN     "verifiedCrlNumber" BIGINT;

-- CreateTable
CREATE TABLE "GuaranteeLookupCounter" (
    "id" UUID NOT NULL,
    "scope" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "GuaranteeLookupCounter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GuaranteeLookupFailure" (
    "id" UUID NOT NULL,
    "guaranteeId" UUID NOT NULL,
    "ipAddress" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GuaranteeLookupFailure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GuaranteeView" (
    "id" UUID NOT NULL,
    "guaranteeId" UUID NOT NULL,
    "versionNumber" INTEGER NOT NULL,
    "ipAddress" TEXT NOT NULL,
    "viewerUserId" UUID,
    "viewerOrganizationId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GuaranteeView_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "GuaranteeLookupCounter_scope_subject_key" ON "GuaranteeLookupCounter"("scope", "subject");

-- CreateIndex
CREATE INDEX "GuaranteeLookupFailure_guaranteeId_createdAt_idx" ON "GuaranteeLookupFailure"("guaranteeId", "createdAt");

-- CreateIndex
CREATE INDEX "GuaranteeView_guaranteeId_createdAt_idx" ON "GuaranteeView"("guaranteeId", "createdAt");

-- AddForeignKey
ALTER TABLE "GuaranteeLookupFailure" ADD CONSTRAINT "GuaranteeLookupFailure_guaranteeId_fkey" FOREIGN KEY ("guaranteeId") REFERENCES "Guarantee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuaranteeView" ADD CONSTRAINT "GuaranteeView_guaranteeId_fkey" FOREIGN KEY ("guaranteeId") REFERENCES "Guarantee"("id") ON DELETE CASCADE ON UPDATE CASCADE;


