// Signed delegation requests, as the browser makes them: the statement from packages/shared, a CMS SignedData over
// it made with a real certificate from the platform CA (issueTestCertificate), and the parent the client names.
import { randomUUID } from "node:crypto";
import { createSignedData } from "@pwp/pki/cms";
import {
  delegationGrantStatement,
  delegationRevocationStatement,
  encodeStatement,
  pickParentDelegation,
  type SigningAuthority,
} from "@pwp/shared/delegations";
import type { DelegationScope } from "@pwp/shared/enums";
import { issueTestCertificate, type TestCertificate } from "../../support/certificates.ts";
import type { TestApp } from "../../support/test-app.ts";
import type { OrgUser } from "../users/org-fixtures.ts";

const certificates = new Map<string, Promise<TestCertificate>>();

/** The user's certificate (one per user and test file, made on first use). */
export function certificateOf(testApp: TestApp, user: Pick<OrgUser, "id">): Promise<TestCertificate> {
  let certificate = certificates.get(user.id);
  if (!certificate) {
    certificate = issueTestCertificate(testApp.app, testApp.prisma, { userId: user.id });
    certificates.set(user.id, certificate);
  }
  return certificate;
}

export async function signStatement(certificate: TestCertificate, statement: string): Promise<string> {
  const der = await createSignedData({
    content: encodeStatement(statement),
    signerCertificateDer: certificate.certificateDer,
    privateKey: certificate.keyPair.privateKey,
  });
  return Buffer.from(der).toString("base64");
}

export type GrantRequest = {
  agentId: string;
  scopes: DelegationScope[];
  validFrom: string;
  validUntil: string;
  /** Left out: null for the representative, else the covering delegation the grantor holds (as the web picks it). */
  parentId?: string | null;
};

/** What the web does to name the parent: the grantor's held delegations (GET /api/me/authority), the shared rule. */
export async function pickParentId(testApp: TestApp, grantor: OrgUser, request: Omit<GrantRequest, "agentId">): Promise<string | null> {
  if (grantor.role === "REPRESENTATIVE") return null;
  const response = await testApp.app.inject({ method: "GET", url: "/api/me/authority", headers: { authorization: grantor.auth } });
  if (response.statusCode !== 200) return null;
  const { heldDelegations } = response.json() as SigningAuthority;
  // The server records a start "now" as the moment it receives the request, so the web compares from then too.
  const validFrom = new Date(Math.max(new Date(request.validFrom).getTime(), Date.now())).toISOString();
  return pickParentDelegation(heldDelegations, { ...request, validFrom })?.id ?? null;
}

/**
 * A signed POST /api/delegations body. `signed` overrides what goes into the signed statement only (to sign
 * something other than what is sent); `certificate` signs with another certificate than the grantor's own.
 */
export async function signedGrantBody(
  testApp: TestApp,
  grantor: OrgUser,
  request: GrantRequest,
  options: { certificate?: TestCertificate; signed?: Partial<GrantRequest & { statementId: string }>; statementId?: string } = {},
) {
  const parentId = request.parentId !== undefined ? request.parentId : await pickParentId(testApp, grantor, request);
  const statementId = options.statementId ?? randomUUID();
  const body = { agentId: request.agentId, scopes: request.scopes, validFrom: request.validFrom, validUntil: request.validUntil, parentId, statementId };
  const statement = delegationGrantStatement({ ...body, organizationId: grantor.organizationId, grantorId: grantor.id, ...options.signed });
  const signedData = await signStatement(options.certificate ?? (await certificateOf(testApp, grantor)), statement);
  return { ...body, signedData };
}

/** A signed POST /api/delegations/:id/revoke body. */
export async function signedRevokeBody(
  testApp: TestApp,
  revoker: OrgUser,
  delegationId: string,
  reason: string,
  options: { certificate?: TestCertificate; signedReason?: string; statementId?: string } = {},
) {
  const statementId = options.statementId ?? randomUUID();
  const statement = delegationRevocationStatement({
    statementId,
    organizationId: revoker.organizationId,
    delegationId,
    revokerId: revoker.id,
    reason: options.signedReason ?? reason,
  });
  const signedData = await signStatement(options.certificate ?? (await certificateOf(testApp, revoker)), statement);
  return { reason, statementId, signedData };
}
