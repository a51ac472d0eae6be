-- CreateEnum
CREATE TYPE "GuaranteeStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'CORRECTION_REQUESTED', 'REFUSED', 'ISSUED', 'CANCELLED', 'RELEASED');

-- CreateEnum
CREATE TYPE "GuaranteeOrigin" AS ENUM ('PLATFORM', 'OFFLINE');

-- CreateEnum
CREATE TYPE "GuaranteeVersionKind" AS ENUM ('ISSUE', 'CHANGE', 'CORRECTION', 'CANCELLATION', 'RELEASE');

-- CreateEnum
CREATE TYPE "GuaranteeDelivery" AS ENUM ('ELECTRONIC', 'PAPER');

-- CreateEnum
CREATE TYPE "GuaranteeFeePaymentMethod" AS ENUM ('LUMP_SUM', 'INSTALLMENTS');

-- CreateEnum
CREATE TYPE "GuaranteeEventKind" AS ENUM ('CREATED', 'UPDATED', 'SUBMITTED', 'CORRECTION_REQUESTED', 'RESUBMITTED', 'REFUSED', 'ISSUED', 'CHANGED', 'CORRECTED', 'CANCELLED', 'RELEASED', 'REKEYED', 'KEY_NOTICE_SUBMITTED', 'OFFLINE_RECORDED');

-- CreateTable
CREATE TABLE "Guarantee" (
    "id" UUID NOT NULL,
    "origin" "GuaranteeOrigin" NOT NULL DEFAULT 'PLATFORM',
    "kind" "GuaranteeKind" NOT NULL,
    "status" "GuaranteeStatus" NOT NULL DEFAULT 'DRAFT',
    "contractorOrganizationId" UUID NOT NULL,
    "suretyOrganizationId" UUID,
    "contractId" UUID,
    "ordererOrganizationId" UUID,
    "ordererName" TEXT NOT NULL,
    "worksTitle" TEXT NOT NULL,
    "currency" "Currency" NOT NULL,
    "contractAmount" BIGINT NOT NULL,
    "contractDate" DATE NOT NULL,
    "worksStartDate" DATE NOT NULL,
    "worksEndDate" DATE NOT NULL,
    "guaranteeAmount" BIGINT NOT NULL,
    "guaranteeStartDate" DATE NOT NULL,
    "guaranteeEndDate" DATE NOT NULL,
    "targetAmountThisYear" BIGINT,
    "depositBankName" TEXT NOT NULL DEFAULT '',
    "depositBranchName" TEXT NOT NULL DEFAULT '',
    "usesReDeposit" BOOLEAN NOT NULL DEFAULT false,
    "feePaymentMethod" "GuaranteeFeePaymentMethod" NOT NULL DEFAULT 'LUMP_SUM',
    "feeBilledTo" TEXT NOT NULL DEFAULT '',
    "delivery" "GuaranteeDelivery" NOT NULL DEFAULT 'ELECTRONIC',
    "wantsPaperFeeStatement" BOOLEAN NOT NULL DEFAULT false,
    "destinationBranch" TEXT NOT NULL DEFAULT '',
    "notificationEmail" TEXT NOT NULL DEFAULT '',
    "contacts" JSONB NOT NULL DEFAULT '[]',
    "message" TEXT NOT NULL DEFAULT '',
    "guaranteeNumber" TEXT,
    "authKeyHash" TEXT,
    "authKeyCiphertext" BYTEA,
    "issuedAt" TIMESTAMPTZ(3),
    "currentVersion" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "keyNoticeSubmittedAt" TIMESTAMPTZ(3),
    "offlineIssuerName" TEXT,
    "offlineFile" BYTEA,
    "offlineFileName" TEXT,
    "offlineFileSha256" TEXT,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "submittedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Guarantee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GuaranteeVersion" (
    "id" UUID NOT NULL,
    "guaranteeId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "kind" "GuaranteeVersionKind" NOT NULL,
    "canonicalJson" TEXT NOT NULL,
    "changes" JSONB NOT NULL DEFAULT '[]',
    "reason" TEXT NOT NULL DEFAULT '',
    "certificatePdf" BYTEA NOT NULL,
    "feeStatementPdf" BYTEA,
    "signedData" BYTEA,
    "signerUserId" UUID,
    "certificateId" UUID,
    "delegationId" UUID,
    "signedAt" TIMESTAMPTZ(3),
    "verification" JSONB,
    "preparedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GuaranteeVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GuaranteeEvent" (
    "id" UUID NOT NULL,
    "guaranteeId" UUID NOT NULL,
    "kind" "GuaranteeEventKind" NOT NULL,
    "versionNumber" INTEGER,
    "actorUserId" UUID,
    "actorOrganizationId" UUID,
    "reason" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GuaranteeEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Guarantee_guaranteeNumber_key" ON "Guarantee"("guaranteeNumber");

-- CreateIndex
CREATE INDEX "Guarantee_contractorOrganizationId_updatedAt_id_idx" ON "Guarantee"("contractorOrganizationId", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Guarantee_suretyOrganizationId_status_updatedAt_id_idx" ON "Guarantee"("suretyOrganizationId", "status", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Guarantee_ordererOrganizationId_updatedAt_id_idx" ON "Guarantee"("ordererOrganizationId", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Guarantee_contractId_idx" ON "Guarantee"("contractId");

-- CreateIndex
CREATE UNIQUE INDEX "GuaranteeVersion_guaranteeId_number_key" ON "GuaranteeVersion"("guaranteeId", "number");

-- CreateIndex
CREATE INDEX "GuaranteeEvent_guaranteeId_createdAt_idx" ON "GuaranteeEvent"("guaranteeId", "createdAt");

-- AddForeignKey
ALTER TABLE "Guarantee" ADD CONSTRAINT "Guarantee_contractorOrganizationId_fkey" FOREIGN KEY ("contractorOrganizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Guarantee" ADD CONSTRAINT "Guarantee_suretyOrganizationId_fkey" FOREIGN KEY ("suretyOrganizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Guarantee" ADD CONSTRAINT "Guarantee_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Guarantee" ADD CONSTRAINT "Guarantee_ordererOrganizationId_fkey" FOREIGN KEY ("ordererOrganizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuaranteeVersion" ADD CONSTRAINT "GuaranteeVersion_guaranteeId_fkey" FOREIGN KEY ("guaranteeId") REFERENCES "Guarantee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuaranteeEvent" ADD CONSTRAINT "GuaranteeEvent_guaranteeId_fkey" FOREIGN KEY ("guaranteeId") REFERENCES "Guarantee"("id") ON DELETE CASCADE ON UPDATE CASCADE;


