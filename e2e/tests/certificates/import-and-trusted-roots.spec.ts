// PKCS#12 import: ops trusts an external root (as for a national CA) on /admin/trusted-roots, and a user imports a
// certificate issued under it, made and exported by openssl. orderer@jp.demo.test appears in no other spec.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { openAsOps, signInAs } from "../support.ts";
import { createExternalRoot, createUserPkcs12 } from "./openssl.ts";

const P12_PASSWORD = "e2e-p12-Pass";

test("ops trusts an external root and a user imports a PKCS#12 certificate issued under it", async ({ browser }) => {
  test.setTimeout(90_000);
  const ca = createExternalRoot(`E2E National CA ${Date.now()}`);
  try {
    // The subject names the organisation by its registration number (organizationIdentifier), as national CAs do.
    const p12 = createUserPkcs12(ca, "/C=JP/organizationIdentifier=JP-6010001000001/O=Toto City Construction Bureau/CN=佐藤 美咲", P12_PASSWORD);

    const ops = await openAsOps(browser);
    await ops.getByRole("link", { name: "Trusted roots" }).click();
    await expect(ops.getByRole("heading", { level: 1, name: "Trusted roots" })).toBeVisible();
    await expect(ops.getByText("Platform root · always trusted")).toBeVisible();
    await ops.getByLabel("Root certificate (PEM)").fill(ca.rootPem);
    await ops.getByRole("button", { name: "Add trusted root" }).click();
    await expect(ops.getByRole("status")).toContainText("is now trusted");
    await expect(ops.getByRole("row", { name: /E2E National CA/ })).toBeVisible();
    await ops.context().close();

    const userContext = await browser.newContext();
    const user = await userContext.newPage();
    await signInAs(user, "orderer@jp.demo.test");
    await user.goto("/certificates");
    await expect(user.getByRole("heading", { level: 1, name: "Certificates" })).toBeVisible();
    await user.getByRole("button", { name: "Import a PKCS#12 file" }).click();
    await user.getByLabel("PKCS#12 file").setInputFiles({ name: "signing.p12", mimeType: "application/x-pkcs12", buffer: p12 });
    await user.getByLabel("File password").fill(P12_PASSWORD);
    await user.getByRole("button", { name: "Import", exact: true }).click();
    await expect(user.getByText("Valid").first()).toBeVisible();
    await expect(user.getByText(/E2E National CA/).first()).toBeVisible();
    await userContext.close();
  } finally {
    ca.remove();
  }
});

test("ops adds a root from a file and removes it again", async ({ browser }) => {
  const ca = createExternalRoot(`E2E Removable Root ${Date.now()}`);
  try {
    const page = await openAsOps(browser);
    await page.goto("/admin/trusted-roots");
    await expect(page.getByRole("heading", { level: 1, name: "Trusted roots" })).toBeVisible();
    await page.getByLabel("Root certificate file").setInputFiles({ name: "root.crt", mimeType: "application/x-x509-ca-cert", buffer: readFileSync(ca.rootCertificatePath) });
    await expect(page.getByLabel("Root certificate (PEM)")).toHaveValue(/BEGIN CERTIFICATE/);
    await page.getByRole("button", { name: "Add trusted root" }).click();
    const row = page.getByRole("row", { name: /E2E Removable Root/ });
    await expect(row).toBeVisible();

    // The same root twice is refused with a message, not a second row.
    await page.getByLabel("Root certificate (PEM)").fill(ca.rootPem);
    await page.getByRole("button", { name: "Add trusted root" }).click();
    await expect(page.getByRole("alert")).toContainText("already trusted");

    await row.getByRole("button", { name: /Remove/ }).click();
    await expect(row).toHaveCount(0);
    // The platform root stays, without a Remove button.
    await expect(page.getByRole("row", { name: /Platform Root CA/ }).getByRole("button")).toHaveCount(0);
  } finally {
    ca.remove();
  }
});

test("a PKCS#12 file with legacy encryption is refused with advice on how to export it again", async ({ page }) => {
  const ca = createExternalRoot(`E2E Legacy Root ${Date.now()}`);
  try {
    const p12 = createUserPkcs12(ca, "/C=KR/O=Daehan Construction Surety/CN=Legacy User", P12_PASSWORD, { isLegacy: true });
    // A refused import changes nothing, so this shares an account that other specs only read with.
    await signInAs(page, "surety.staff@kr.demo.test");
    await page.goto("/certificates");
    await page.getByRole("button", { name: "Import a PKCS#12 file" }).click();
    await page.getByLabel("PKCS#12 file").setInputFiles({ name: "old.pfx", mimeType: "application/x-pkcs12", buffer: p12 });
    await page.getByLabel("File password").fill(P12_PASSWORD);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const alert = page.getByRole("alert");
    await expect(alert).toContainText("old encryption (RC2 or 3DES)");
    await expect(alert).toContainText("without the -legacy option");
    await expect(page.getByText("This browser holds the key")).toHaveCount(0);
  } finally {
    ca.remove();
  }
});
