// Demo organisations and users for development (never seeded in production). Registration numbers carry valid
// check digits. Everyone shares one password so the README can list the logins in one table.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Country, OrganizationKind, UserRole } from "@pwp/shared/enums";
import type { PrismaClient } from "../db/database.ts";
import { recordAuditEvent } from "../lib/audit.ts";
import { hashPassword } from "../lib/password.ts";
import { issueCertificateFile } from "../lib/pki/ops-certificate.ts";
import type { PlatformPki } from "../lib/pki/platform-pki.ts";
import { DEMO_CONTRACT_NUMBER, seedDemoContract } from "./demo-contract.ts";
import { DEMO_AUTH_KEY, DEMO_GUARANTEE_NUMBER, seedDemoGuarantee } from "./demo-guarantee.ts";

export const DEMO_PASSWORD = "demo-Pass-2026";

interface DemoUser {
  loginId: string;
  email: string;
  name: string;
  role: UserRole;
}

interface DemoOrganization {
  kind: OrganizationKind;
  country: Country;
  registrationNumber: string;
  nameLocal: string;
  nameLatin: string;
  address: string;
  users: DemoUser[];
}

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  {
    kind: "OPERATOR",
    country: "KR",
    registrationNumber: "2148700032",
    nameLocal: "플랫폼 운영센터",
    nameLatin: "Platform Operations",
    address: "서울특별시 중구 세종대로 110",
    users: [{ loginId: "ops01", email: "ops@demo.test", name: "Operations Admin", role: "MANAGER" }],
  },
  {
    kind: "ORDERER",
    country: "KR",
    registrationNumber: "1018100016",
    nameLocal: "한빛시 도시건설본부",
    nameLatin: "Hanbit City Urban Construction Headquarters",
    address: "한빛시 시청로 1",
    users: [
      { loginId: "kim01", email: "orderer@kr.demo.test", name: "김서연", role: "REPRESENTATIVE" },
      { loginId: "park02", email: "orderer.staff@kr.demo.test", name: "박지훈", role: "STAFF" },
    ],
  },
  {
    kind: "CONTRACTOR",
    country: "KR",
    registrationNumber: "1058600027",
    nameLocal: "미래종합건설 주식회사",
    nameLatin: "Mirae General Construction Co., Ltd.",
    address: "서울특별시 강남구 테헤란로 200",
    users: [
      { loginId: "lee01", email: "contractor@kr.demo.test", name: "이민호", role: "REPRESENTATIVE" },
      { loginId: "choi02", email: "contractor.staff@kr.demo.test", name: "최유나", role: "STAFF" },
    ],
  },
  {
    kind: "SURETY",
    country: "KR",
    registrationNumber: "1208100040",
    nameLocal: "대한건설보증 주식회사",
    nameLatin: "Daehan Construction Surety Co., Ltd.",
    address: "서울특별시 동작구 보라매로 5길 15",
    users: [
      { loginId: "jung01", email: "surety@kr.demo.test", name: "정하늘", role: "REPRESENTATIVE" },
      { loginId: "han02", email: "surety.staff@kr.demo.test", name: "한도윤", role: "STAFF" },
    ],
  },
  {
    kind: "ORDERER",
    country: "JP",
    registrationNumber: "6010001000001",
    nameLocal: "東都市 建設局",
    nameLatin: "Toto City Construction Bureau",
    address: "東京都東都市中央一丁目1番1号",
    users: [
      { loginId: "sato01", email: "orderer@jp.demo.test", name: "佐藤 美咲", role: "REPRESENTATIVE" },
      { loginId: "suzuki02", email: "orderer.staff@jp.demo.test", name: "鈴木 健太", role: "STAFF" },
    ],
  },
  {
    kind: "CONTRACTOR",
    country: "JP",
    registrationNumber: "5010001000002",
    nameLocal: "青葉建設株式会社",
    nameLatin: "Aoba Construction Co., Ltd.",
    address: "宮城県仙台市青葉区本町二丁目3番10号",
    users: [
      { loginId: "takahashi01", email: "contractor@jp.demo.test", name: "高橋 大輔", role: "REPRESENTATIVE" },
      { loginId: "tanaka02", email: "contractor.staff@jp.demo.test", name: "田中 結衣", role: "STAFF" },
    ],
  },
  {
    // A second Japanese contractor, so that a joint venture (共同企業体) can be formed with 青葉建設.
    kind: "CONTRACTOR",
    country: "JP",
    registrationNumber: "2430001000004",
    nameLocal: "北星工業株式会社",
    nameLatin: "Hokusei Kogyo Co., Ltd.",
    address: "北海道札幌市中央区北一条西二丁目1番地",
    users: [
      { loginId: "kobayashi01", email: "contractor2@jp.demo.test", name: "小林 翔", role: "REPRESENTATIVE" },
      { loginId: "kato02", email: "contractor2.staff@jp.demo.test", name: "加藤 真由", role: "STAFF" },
    ],
  },
  {
    kind: "SURETY",
    country: "JP",
    registrationNumber: "4010001000003",
    nameLocal: "東和建設保証株式会社",
    nameLatin: "Towa Construction Surety Co., Ltd.",
    address: "東京都中央区八丁堀二丁目5番1号",
    users: [
      { loginId: "ito01", email: "surety@jp.demo.test", name: "伊藤 直樹", role: "REPRESENTATIVE" },
      { loginId: "watanabe02", email: "surety.staff@jp.demo.test", name: "渡辺 彩", role: "STAFF" },
    ],
  },
];

function formatLoginTable(): string {
  const rows = DEMO_ORGANIZATIONS.flatMap((organization) =>
    organization.users.map((user) => `  ${organization.kind.padEnd(10)} ${organization.country}  ${user.email.padEnd(30)} ${organization.registrationNumber.padEnd(13)} ${user.loginId.padEnd(12)} ${user.role}`),
  );
  return [
    `Demo logins (password for all: ${DEMO_PASSWORD})`,
    `  ${"KIND".padEnd(10)} CC  ${"E-MAIL".padEnd(30)} ${"REG. NUMBER".padEnd(13)} ${"USER ID".padEnd(12)} ROLE`,
    ...rows,
  ].join("\n");
}

type Party = { organizationId: string; userId: string };

export type SeedOptions = {
  /** The platform PKI: the demo contract and guarantee are signed with certificates it issues and verified with it. */
  pki: PlatformPki;
  /** Derives the keys that hash and encrypt the demo guarantee's authentication key. */
  pkiMasterKey: Uint8Array;
  /** Where the CRL is published (certificates name it). */
  publicUrl: string;
  now?: Date;
  print?: boolean;
  log?: (line: string) => void;
  /** Where to write ops@demo.test's certificate file (ops always sign in with a certificate); none when unset. */
  demoFilesDir?: string;
};

/** The demo ops user's PKCS#12 file, under SeedOptions.demoFilesDir; its password is the demo password. */
export const DEMO_OPS_CERTIFICATE_FILE = "ops-certificate.p12";

/**
 * Seeds the demo data into an empty database; does nothing when any organisation exists. Returns whether it seeded.
 * Organisations of one country are each other's counterparties, and the Korean orderer and contractor share one
 * completed, signed contract.
 */
export async function seedDemoDataIfEmpty(prisma: PrismaClient, options: SeedOptions): Promise<boolean> {
  if ((await prisma.organization.count()) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = options.now ?? new Date();
  // Fetched (and published when due) before the transaction: inside it, the PKI must not reach for another
  // connection, which PGlite's single one would wait on for ever.
  const crl = await options.pki.getCurrentCrl();
  const pki: PlatformPki = { ...options.pki, getCurrentCrl: async () => crl };
  let opsCertificate: { pkcs12: Uint8Array } | undefined;
  await prisma.$transaction(
    async (tx) => {
      const created: { id: string; kind: OrganizationKind; country: Country; registrationNumber: string; nameLocal: string; representativeId: string }[] = [];
      for (const { users, ...organization } of DEMO_ORGANIZATIONS) {
        const representative = users.find((user) => user.role === "REPRESENTATIVE") ?? users[0]!;
        const row = await tx.organization.create({
          data: {
            ...organization,
            status: "APPROVED",
            representativeName: representative.name,
            contactName: representative.name,
            contactEmail: representative.email,
            users: { create: users.map((user) => ({ ...user, passwordHash })) },
          },
          select: { id: true, users: { where: { role: representative.role, loginId: representative.loginId }, select: { id: true } } },
        });
        created.push({ ...organization, id: row.id, representativeId: row.users[0]!.id });
      }
      const members = created.filter((organization) => organization.kind !== "OPERATOR");
      for (const owner of members) {
        for (const other of members) {
          if (other.id === owner.id || other.country !== owner.country) continue;
          await tx.counterparty.create({
            data: {
              ownerOrganizationId: owner.id,
              organizationId: other.id,
              kind: other.kind,
              country: other.country,
              registrationNumber: other.registrationNumber,
              name: other.nameLocal,
            },
            select: { id: true },
          });
        }
      }
      const find = (kind: OrganizationKind) => created.find((organization) => organization.kind === kind && organization.country === "KR")!;
      const [orderer, contractor, surety] = [find("ORDERER"), find("CONTRACTOR"), find("SURETY")].map((organization) => ({
        organizationId: organization.id,
        userId: organization.representativeId,
      })) as [Party, Party, Party];
      const contractId = await seedDemoContract(tx, { cas: pki, publicUrl: options.publicUrl, now, orderer, contractor });
      await seedDemoGuarantee(tx, { pki, pkiMasterKey: options.pkiMasterKey, publicUrl: options.publicUrl, contractId, orderer, contractor, surety, now });
      const ops = created.find((organization) => organization.kind === "OPERATOR")!;
      opsCertificate = options.demoFilesDir
        ? await issueCertificateFile(tx, pki, { userId: ops.representativeId, now, password: DEMO_PASSWORD, crlUrl: `${options.publicUrl}/api/pki/crl` })
        : undefined;
      await recordAuditEvent(tx, { action: "demo.seeded", data: { organizations: DEMO_ORGANIZATIONS.length } });
    },
    // Rendering and signing the demo contract takes a second or two; the default 5 s is tight on a slow machine.
    { timeout: 120_000 },
  );
  options.log?.("seeded demo organisations, users, counterparties and a signed contract");
  const opsCertificatePath = options.demoFilesDir ? path.join(options.demoFilesDir, DEMO_OPS_CERTIFICATE_FILE) : undefined;
  if (opsCertificate && opsCertificatePath) {
    mkdirSync(options.demoFilesDir!, { recursive: true });
    writeFileSync(opsCertificatePath, opsCertificate.pkcs12, { mode: 0o600 });
  }
  if (options.print) {
    console.log(
      "\n" +
        formatLoginTable() +
        `\n\nDemo contract (completed, signed by both sides): ${DEMO_CONTRACT_NUMBER}` +
        `\nDemo guarantee (issued; open it at /verify): number ${DEMO_GUARANTEE_NUMBER}, authentication key ${DEMO_AUTH_KEY}` +
        (opsCertificatePath
          ? `\nOps sign in with a certificate: import ${opsCertificatePath} (password ${DEMO_PASSWORD}) on the Certificates page, then sign in with it.`
          : "") +
        "\n",
    );
  }
  return true;
}
