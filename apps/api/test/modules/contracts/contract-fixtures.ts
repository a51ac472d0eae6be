// Parties to a contract for the contracts tests: an orderer and a contractor organisation, each with its
// representative and a staff member, the contractor in the orderer's counterparty list; and a valid draft.
import { randomUUID } from "node:crypto";
import type { CreateContractBody } from "@pwp/shared/contracts";
import type { Country, OrganizationKind, UserRole } from "@pwp/shared/enums";
import { hashPassword } from "../../../src/lib/password.ts";
import { createOrganization, TEST_PASSWORD } from "../../support/fixtures.ts";
import type { TestApp } from "../../support/test-app.ts";

let passwordHash: Promise<string> | undefined;

export interface PartyUser {
  id: string;
  name: string;
  organizationId: string;
  role: UserRole;
  /** An Authorization header value. */
  auth: string;
}

export interface Party {
  organization: { id: string; kind: OrganizationKind; country: Country; nameLocal: string };
  representative: PartyUser;
  staff: PartyUser;
}

export async function addPartyUser(testApp: TestApp, organization: Party["organization"], role: UserRole): Promise<PartyUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const suffix = randomUUID().slice(0, 8);
  const user = await testApp.prisma.user.create({
    data: {
      organizationId: organization.id,
      loginId: `c-${suffix}`,
      email: `c-${suffix}@example.test`,
      name: `${role === "REPRESENTATIVE" ? "대표" : "담당"} ${suffix}`,
      role,
      passwordHash: await passwordHash,
    },
  });
  const token = testApp.app.jwt.sign({ sub: user.id, org: organization.id, kind: organization.kind, role, status: "APPROVED" });
  return { id: user.id, name: user.name, organizationId: organization.id, role, auth: `Bearer ${token}` };
}

export async function createParty(testApp: TestApp, kind: OrganizationKind, country: Country = "KR"): Promise<Party> {
  const organization = await createOrganization(testApp.prisma, kind, country);
  await testApp.prisma.organization.update({
    where: { id: organization.id },
    data: { representativeName: "홍길동", address: country === "KR" ? "세종특별자치시 한누리대로 2130" : "東京都千代田区霞が関2-1-3" },
  });
  return {
    organization,
    representative: await addPartyUser(testApp, organization, "REPRESENTATIVE"),
    staff: await addPartyUser(testApp, organization, "STAFF"),
  };
}

/** Puts `contractor` in `orderer`'s counterparty list, as adding a platform organisation does. */
export async function addCounterparty(testApp: TestApp, orderer: Party, contractor: Party) {
  const organization = await testApp.prisma.organization.findUniqueOrThrow({ where: { id: contractor.organization.id } });
  await testApp.prisma.counterparty.create({
    data: {
      ownerOrganizationId: orderer.organization.id,
      organizationId: organization.id,
      kind: organization.kind === "OPERATOR" ? "CONTRACTOR" : organization.kind,
      country: organization.country,
      registrationNumber: organization.registrationNumber,
      name: organization.nameLocal,
    },
  });
}

export async function createParties(testApp: TestApp, country: Country = "KR") {
  const orderer = await createParty(testApp, "ORDERER", country);
  const contractor = await createParty(testApp, "CONTRACTOR", country);
  await addCounterparty(testApp, orderer, contractor);
  return { orderer, contractor };
}

export function draftBody(contractorOrganizationId: string, overrides: Partial<CreateContractBody> = {}): CreateContractBody {
  return {
    contractorOrganizationId,
    title: "한누리초등학교 증축공사",
    amount: 1_234_567_890,
    worksStartDate: "2027-01-04",
    worksEndDate: "2027-12-24",
    contractDate: "2026-12-28",
    place: "세종특별자치시 한누리대로 100",
    termsSections: [{ heading: "제1조 (목적)", body: "이 계약은 공사의 시공에 관한 사항을 정한다." }],
    // A required contract-performance guarantee blocks the contractor's signature until one is issued and linked
    // (lib/contract-guarantees.ts; tested in test/modules/guarantees): the signing tests ask for it explicitly.
    requiredGuarantees: [],
    contacts: [
      { side: "ORDERER", name: "김담당", department: "시설과", phone: "044-000-0000", email: "kim@example.test" },
      { side: "CONTRACTOR", name: "이현장", phone: "010-0000-0000" },
    ],
    ...overrides,
  };
}

export function fieldsOf(body: { error?: { fields?: { field: string }[] } }): string[] {
  return body.error?.fields?.map((field) => field.field) ?? [];
}

type Method = "GET" | "POST" | "PUT" | "DELETE";

export function caller(testApp: TestApp) {
  return (method: Method, url: string, auth?: string, payload?: unknown) =>
    testApp.app.inject({
      method,
      url,
      ...(auth ? { headers: { authorization: auth } } : {}),
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });
}
