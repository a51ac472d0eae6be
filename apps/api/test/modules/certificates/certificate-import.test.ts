// Importing a certificate issued elsewhere (the browser opened the PKCS#12; only the certificate comes here): it
// must chain to a root ops trust and name the caller's organisation. And ops' management of those roots.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../support/test-app.ts";
import { createUser } from "../../support/fixtures.ts";
import { addUser, createOrganizationWithRepresentative, fieldsOf, type OrgUser } from "../users/org-fixtures.ts";
import { openssl, signChallenge, tempDir } from "./certificate-helpers.ts";

let testApp: TestApp;
const files = tempDir();
let member: OrgUser;
let outsider: OrgUser;
let operatorAuth: string;
let registrationNumber: string;
let rootPem: string;

// Response bodies are read loosely here; their shapes are checked by the route schemas and the assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = Record<string, any>;

async function inject(method: "GET" | "POST" | "DELETE", url: string, auth: string | undefined, payload?: object) {
  const response = await testApp.app.inject({ method, url, ...(auth ? { headers: { authorization: auth } } : {}), ...(payload ? { payload } : {}) });
  return { statusCode: response.statusCode, body: (response.body ? response.json() : {}) as Body };
}

async function run(args: string[]) {
  const result = await openssl(args, files.dir);
  if (result.code !== 0) throw new Error(`openssl ${args.join(" ")}: ${result.stderr}`);
  return result;
}

/** An EC leaf under the given openssl CA, DER in base64, with its key as PKCS#8 DER. */
async function makeLeaf(name: string, subject: string, ca: string) {
  await run(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", `${name}.key`]);
  await run(["req", "-new", "-key", `${name}.key`, "-subj", subject, "-out", `${name}.csr`]);
  files.write(`${name}.ext`, "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n");
  await run(["x509", "-req", "-in", `${name}.csr`, "-CA", `${ca}.pem`, "-CAkey", `${ca}.key`, "-CAcreateserial", "-days", "365", "-extfile", `${name}.ext`, "-outform", "DER", "-out", `${name}.der`]);
  await run(["pkcs8", "-topk8", "-nocrypt", "-in", `${name}.key`, "-outform", "DER", "-out", `${name}.p8`]);
  return { certificate: readFileSync(files.file(`${name}.der`)).toString("base64"), pkcs8: readFileSync(files.file(`${name}.p8`)) };
}

async function makeRoot(name: string, subject: string) {
  await run(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", `${name}.key`]);
  await run([
    "req", "-x509", "-new", "-key", `${name}.key`, "-subj", subject, "-days", "3650",
    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign", "-out", `${name}.pem`,
  ]);
  return readFileSync(files.file(`${name}.pem`), "utf8");
}

beforeAll(async () => {
  testApp = await buildTestApp();
  const created = await createOrganizationWithRepresentative(testApp);
  registrationNumber = created.organization.registrationNumber;
  member = await addUser(testApp, created.organization.id, "STAFF");
  outsider = (await createOrganizationWithRepresentative(testApp)).representative;
  const { user: operator } = await createUser(testApp.prisma, { kind: "OPERATOR", role: "STAFF" });
  operatorAuth = `Bearer ${testApp.app.jwt.sign({ sub: operator.id, org: operator.organizationId, kind: "OPERATOR", role: "STAFF", status: "APPROVED" })}`;
  rootPem = await makeRoot("national", "/C=KR/O=National Test CA/CN=National Test Root");
});
afterAll(async () => {
  await testApp.close();
  files.remove();
});

describe("trusted roots (ops)", () => {
  it("lists the platform root, adds a PEM root once, refuses non-roots and non-ops, and removes it", async () => {
    expect((await inject("GET", "/api/admin/trusted-roots", member.auth)).statusCode).toBe(403);
    expect((await inject("POST", "/api/admin/trusted-roots", member.auth, { pem: rootPem })).statusCode).toBe(403);
    const initial = await inject("GET", "/api/admin/trusted-roots", operatorAuth);
    expect(initial.body.roots).toEqual([expect.objectContaining({ id: null, isPlatformRoot: true, subjectDn: expect.stringContaining("pwp Platform Root CA") })]);

    const caPem = (await testApp.app.inject({ method: "GET", url: "/api/pki/ca.pem" })).body;
    const platformRootPem = caPem.slice(0, caPem.indexOf("-----END CERTIFICATE-----") + 25);
    expect((await inject("POST", "/api/admin/trusted-roots", operatorAuth, { pem: platformRootPem })).statusCode).toBe(409);
    const issuingOnly = caPem.slice(caPem.indexOf("-----END CERTIFICATE-----") + 26);
    const notRoot = await inject("POST", "/api/admin/trusted-roots", operatorAuth, { pem: issuingOnly });
    expect(notRoot.statusCode).toBe(400);
    expect(fieldsOf(notRoot.body)).toContain("body.pem");
    expect(fieldsOf((await inject("POST", "/api/admin/trusted-roots", operatorAuth, { pem: "x".repeat(60) })).body)).toContain("body.pem");

    const added = await inject("POST", "/api/admin/trusted-roots", operatorAuth, { pem: rootPem });
    expect(added.statusCode).toBe(201);
    expect(added.body.subjectDn).toContain("National Test Root");
    expect((await inject("POST", "/api/admin/trusted-roots", operatorAuth, { pem: rootPem })).statusCode).toBe(409);
    expect((await inject("DELETE", `/api/admin/trusted-roots/${added.body.id}`, member.auth)).statusCode).toBe(403);
    expect((await inject("DELETE", `/api/admin/trusted-roots/${added.body.id}`, operatorAuth)).statusCode).toBe(204);
    expect((await inject("DELETE", `/api/admin/trusted-roots/${added.body.id}`, operatorAuth)).statusCode).toBe(404);
    expect((await inject("GET", "/api/admin/trusted-roots", operatorAuth)).body.roots).toHaveLength(1);
  });
});

describe("POST /api/certificates/import", () => {
  it("registers a certificate chaining to a trusted root and naming the organisation, which then signs in", async () => {
    const leaf = await makeLeaf("member", `/C=KR/O=Whatever Name/organizationIdentifier=KR-${registrationNumber}/CN=Hong Gildong`, "national");
    const untrusted = await inject("POST", "/api/certificates/import", member.auth, { certificate: leaf.certificate });
    expect(untrusted.statusCode).toBe(400);
    expect(untrusted.body.error.fields[0]).toMatchObject({ field: "body.certificate", message: expect.stringContaining("trust") });

    // Trusted again (restores the removed row).
    expect((await inject("POST", "/api/admin/trusted-roots", operatorAuth, { pem: rootPem })).statusCode).toBe(201);
    const imported = await inject("POST", "/api/certificates/import", member.auth, { certificate: leaf.certificate });
    expect(imported.statusCode, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body).toMatchObject({ origin: "IMPORTED", status: "VALID", canRenew: false, canReissue: false });
    expect((await inject("POST", "/api/certificates/import", member.auth, { certificate: leaf.certificate })).statusCode).toBe(409);
    // Renewal belongs to the CA that issued it.
    expect((await inject("POST", `/api/certificates/${imported.body.id}/renew`, member.auth, { csr: "AAAA" })).statusCode).toBe(409);

    // The browser signs with the imported key: certificate sign-in accepts it.
    const privateKey = await crypto.subtle.importKey("pkcs8", new Uint8Array(leaf.pkcs8), { name: "ECDSA", namedCurve: "P-256" }, false, ["sign"]);
    const challenge = await inject("POST", "/api/auth/certificate-challenge", member.auth);
    const signedIn = await inject("POST", "/api/auth/certificate-sign-in", member.auth, {
      challengeId: challenge.body.challengeId,
      signedData: await signChallenge(challenge.body.challenge, privateKey, imported.body.certificate),
    });
    expect(signedIn.statusCode, JSON.stringify(signedIn.body)).toBe(200);

    // Revoked on the platform (an external CA's CRL is not ours to publish): refused at sign-in.
    expect((await inject("POST", `/api/certificates/${imported.body.id}/revoke`, member.auth, { reason: "keyCompromise" })).statusCode).toBe(200);
    const again = await inject("POST", "/api/auth/certificate-challenge", member.auth);
    const refused = await inject("POST", "/api/auth/certificate-sign-in", member.auth, {
      challengeId: again.body.challengeId,
      signedData: await signChallenge(again.body.challenge, privateKey, imported.body.certificate),
    });
    expect(refused.statusCode).toBe(400);
  });

  it("refuses another organisation's certificate, a certificate from an untrusted root and garbage, naming body.certificate", async () => {
    const foreign = await makeLeaf("foreign", "/C=KR/O=Other/organizationIdentifier=KR-1234567890/CN=Someone", "national");
    const refused = await inject("POST", "/api/certificates/import", member.auth, { certificate: foreign.certificate });
    expect(refused.statusCode).toBe(400);
    expect(refused.body.error.fields[0].message).toContain("organisation");
    // The right organisation, seen from another one.
    const mine = await makeLeaf("mine", `/C=KR/O=X/organizationIdentifier=KR-${registrationNumber}/CN=Hong`, "national");
    expect((await inject("POST", "/api/certificates/import", outsider.auth, { certificate: mine.certificate })).statusCode).toBe(400);

    await makeRoot("rogue", "/C=KR/O=Rogue/CN=Rogue Root");
    const rogue = await makeLeaf("rogue-leaf", `/C=KR/O=X/organizationIdentifier=KR-${registrationNumber}/CN=Hong`, "rogue");
    const untrusted = await inject("POST", "/api/certificates/import", member.auth, { certificate: rogue.certificate });
    expect(untrusted.statusCode).toBe(400);
    expect(fieldsOf(untrusted.body)).toContain("body.certificate");
    expect(fieldsOf((await inject("POST", "/api/certificates/import", member.auth, { certificate: "AAAA" })).body)).toContain("body.certificate");
  });
});
