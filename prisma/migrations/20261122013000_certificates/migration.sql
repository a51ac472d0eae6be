-- CreateEnum
CREATE TYPE "CertificateAuthorityRole" AS ENUM ('ROOT', 'ISSUING', 'TSA');

-- CreateEnum
CREATE TYPE "RevocationReason" AS ENUM ('unspecified', 'keyCompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation');

-- CreateEnum
CREATE TYPE "CertificateOrigin" AS ENUM ('ISSUED', 'IMPORTED');

-- CreateEnum
CREATE TYPE "CertificateRequestKind" AS ENUM ('NEW', 'RENEWAL', 'REISSUE');

-- CreateEnum
CREATE TYPE "CertificateRequestStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'CANCELLED');

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "requireCertificateSignIn" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "RefreshToken" ADD COLUMN     "certificateId" UUID;

-- CreateTable
CREATE TABLE "CertificateAuthority" (
    "id" UUID NOT NULL,
    "role" "CertificateAuthorityRole" NOT NULL,
    "activeRole" "CertificateAuthorityRole",
    "certificateDer" BYTEA NOT NULL,
    "subjectDn" TEXT NOT NULL,
    "serialNumberHex" TEXT NOT NULL,
    "notBefore" TIMESTAMPTZ(3) NOT NULL,
    "notAfter" TIMESTAMPTZ(3) NOT NULL,
    "keyAlgorithm" TEXT NOT NULL,
    "encryptedKey" BYTEA NOT NULL,
    "keyIv" BYTEA NOT NULL,
    "keyTag" BYTEA NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CertificateAuthority_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Certificate" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "origin" "CertificateOrigin" NOT NULL,
    "serialNumberHex" TEXT NOT NULL,
    "issuerDn" TEXT NOT NULL,
    "subjectDn" TEXT NOT NULL,
    "certificateDer" BYTEA NOT NULL,
    "notBefore" TIMESTAMPTZ(3) NOT NULL,
    "notAfter" TIMESTAMPTZ(3) NOT NULL,
    "keyAlgorithm" TEXT NOT NULL,
    "fingerprintSha256" TEXT NOT NULL,
    "publicKeySha256" TEXT NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),
    "revocationReason" "RevocationReason",
    "revokedById" UUID,
    "supersedesId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Certificate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CertificateRequest" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "kind" "CertificateRequestKind" NOT NULL,
    "status" "CertificateRequestStatus" NOT NULL DEFAULT 'PENDING',
    "pendingUserId" UUID,
    "csrDer" BYTEA NOT NULL,
    "publicKeySha256" TEXT NOT NULL,
    "keyAlgorithm" TEXT NOT NULL,
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),
    "reason" TEXT NOT NULL DEFAULT '',
    "replacesCertificateId" UUID,
    "reissueReason" "RevocationReason",
    "issuedCertificateId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CertificateRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrustedRoot" (
    "id" UUID NOT NULL,
    "certificateDer" BYTEA NOT NULL,
    "subjectDn" TEXT NOT NULL,
    "fingerprintSha256" TEXT NOT NULL,
    "notAfter" TIMESTAMPTZ(3) NOT NULL,
    "addedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" TIMESTAMPTZ(3),
    "removedById" UUID,

    CONSTRAINT "TrustedRoot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Crl" (
    "id" UUID NOT NULL,
    "issuerId" UUID NOT NULL,
    "crlNumber" BIGINT NOT NULL,
    "der" BYTEA NOT NULL,
    "thisUpdate" TIMESTAMPTZ(3) NOT NULL,
    "nextUpdate" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Crl_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInChallenge" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "challenge" BYTEA NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignInChallenge_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CertificateAuthority_activeRole_key" ON "CertificateAuthority"("activeRole");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_fingerprintSha256_key" ON "Certificate"("fingerprintSha256");

-- CreateIndex
CREATE INDEX "Certificate_userId_createdAt_idx" ON "Certificate"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "Certificate_organizationId_createdAt_idx" ON "Certificate"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "Certificate_origin_revokedAt_idx" ON "Certificate"("origin", "revokedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_issuerDn_serialNumberHex_key" ON "Certificate"("issuerDn", "serialNumberHex");

-- CreateIndex
CREATE UNIQUE INDEX "CertificateRequest_pendingUserId_key" ON "CertificateRequest"("pendingUserId");

-- CreateIndex
CREATE UNIQUE INDEX "CertificateRequest_issuedCertificateId_key" ON "CertificateRequest"("issuedCertificateId");

-- CreateIndex
CREATE INDEX "CertificateRequest_organizationId_status_createdAt_idx" ON "CertificateRequest"("organizationId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "CertificateRequest_userId_createdAt_idx" ON "CertificateRequest"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "TrustedRoot_fingerprintSha256_key" ON "TrustedRoot"("fingerprintSha256");

-- CreateIndex
CREATE UNIQUE INDEX "Crl_issuerId_crlNumber_key" ON "Crl"("issuerId", "crlNumber");

-- CreateIndex
CREATE INDEX "SignInChallenge_userId_idx" ON "SignInChallenge"("userId");

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_supersedesId_fkey" FOREIGN KEY ("supersedesId") REFERENCES "Certificate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificateRequest" ADD CONSTRAINT "CertificateRequest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificateRequest" ADD CONSTRAINT "CertificateRequest_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Crl" ADD CONSTRAINT "Crl_issuerId_fkey" FOREIGN KEY ("issuerId") REFERENCES "CertificateAuthority"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SignInChallenge" ADD CONSTRAINT "SignInChallenge_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


