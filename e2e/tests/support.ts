// Shared steps of the end-to-end tests: what a person does on the sign-in page.
import path from "node:path";
import { expect, type Browser, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo-Pass-2026";

export async function signInWithEmail(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByRole("tab", { name: "E-mail" }).click();
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function expectSignInPage(page: Page) {
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
}

const KR_WEIGHTS = [1, 3, 7, 1, 3, 7, 1, 3, 5];

/** A fresh Korean business registration number with a valid check digit, so each run registers a new one. */
export function makeKoreanBusinessNumber(): string {
  const digits = Array.from({ length: 9 }, () => Math.floor(Math.random() * 10));
  let sum = KR_WEIGHTS.reduce((total, weight, i) => total + digits[i]! * weight, 0);
  sum += Math.floor((digits[8]! * 5) / 10);
  return [...digits, (10 - (sum % 10)) % 10].join("");
}

/** A small but well-formed PDF, as a scanned certificate would be uploaded. */
export function makePdf(title: string): { name: string; mimeType: string; buffer: Buffer } {
  const body = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`;
  return { name: `${title}.pdf`, mimeType: "application/pdf", buffer: Buffer.from(body) };
}

export async function signInAs(page: Page, email: string, password = DEMO_PASSWORD) {
  await signInWithEmail(page, email, password);
  await expect(page).not.toHaveURL(/\/sign-in/);
}

/** A signed-in page in a browser context of its own (its own key store). */
export async function openAs(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, email);
  return page;
}

/**
 * Ops always sign in with a certificate. A fresh browser holds no key: the password sign-in lands on the certificate
 * page, where ops import the certificate file the seed wrote for ops@demo.test, then sign in with it.
 */
export async function openAsOps(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInWithEmail(page, "ops@demo.test");
  await expect(page.getByRole("heading", { level: 1, name: "Certificates" })).toBeVisible();
  await page.getByRole("button", { name: "Import a PKCS#12 file" }).click();
  await page.getByLabel("PKCS#12 file").setInputFiles(path.join(process.env.E2E_DATA_DIR ?? "", "demo", "ops-certificate.p12"));
  await page.getByLabel("File password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByText("This certificate was already registered: its key is now kept in this browser again.")).toBeVisible();
  await page.goto("/sign-in/certificate?redirectTo=%2Fadmin");
  await page.getByRole("button", { name: "Sign in with certificate" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Operations console" })).toBeVisible();
  return page;
}

/**
 * Requests a certificate for a key made in this page's browser (ECDSA P-256); ops approves it separately. A user has
 * one open request at a time: when another spec's request for the same demo user is open, ops approves it first
 * (harmless to that spec, whose key is in its own browser) — waiting for that spec instead could deadlock, each
 * spec holding one of the two users' requests.
 */
export async function requestCertificate(browser: Browser, page: Page, requesterName: string) {
  await page.goto("/certificates");
  await expect(page.getByRole("heading", { level: 1, name: "Certificates" })).toBeVisible();
  const requestButton = page.getByRole("button", { name: "Request a certificate" });
  const otherRequestOpen = page.getByText("Your certificate request is waiting for approval.");
  await expect(requestButton.or(otherRequestOpen).first()).toBeVisible();
  if (await otherRequestOpen.isVisible()) {
    await approveCertificateRequests(browser, [requesterName]);
    await page.reload();
  }
  await requestButton.click();
  await page.getByLabel("Key type").selectOption({ label: "ECDSA P-256" });
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByText("Pending approval").first()).toBeVisible();
}

/**
 * Ops approves every pending request of these people. Every one, not the first: two specs running at once may each
 * have asked for the same demo user, and each spec signs only with the key its own browser holds.
 */
export async function approveCertificateRequests(browser: Browser, requesterNames: string[]) {
  const ops = await openAsOps(browser);
  await ops.goto("/certificates/approvals");
  await expect(ops.getByRole("heading", { level: 1, name: "Certificate approvals" })).toBeVisible();
  for (const name of requesterNames) {
    const requests = ops.getByRole("listitem").filter({ hasText: name });
    // Loaded: a list or its empty notice (another spec may have approved this one already).
    await expect(ops.locator("ul.certificate-list").or(ops.getByText("No certificate requests are waiting for a decision."))).toBeVisible();
    while ((await requests.count()) > 0) {
      const count = await requests.count();
      await requests.first().getByRole("button", { name: "Approve" }).click();
      await expect.poll(() => requests.count()).toBeLessThan(count);
    }
  }
  await ops.context().close();
}

/** Requests, has ops approve, and waits until the page lists the certificate as valid. */
export async function getCertificate(browser: Browser, page: Page, requesterName: string) {
  await requestCertificate(browser, page, requesterName);
  await approveCertificateRequests(browser, [requesterName]);
  await page.reload();
  await expect(page.getByText("Valid").first()).toBeVisible();
}

/** Opens a contract from the list by its title. */
export async function openContract(page: Page, title: string) {
  await page.goto("/contracts?view=all");
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title, exact: false })).toBeVisible();
}

/**
 * Signs the open contract with the first certificate this browser holds and waits for `expectedMessage`; a refusal
 * fails the test with the page's own words rather than a time-out.
 */
export async function signContract(page: Page, expectedMessage: string) {
  await page.getByRole("button", { name: "Sign", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Sign the contract" })).toBeVisible();
  await page.getByRole("group", { name: "Sign with" }).getByRole("radio").first().check();
  await page.getByRole("button", { name: "Sign with this certificate" }).click();
  const refusal = page.getByRole("alert");
  await expect(page.getByText(expectedMessage, { exact: true }).or(refusal).first()).toBeVisible({ timeout: 60_000 });
  if (await refusal.count()) throw new Error(`Signing was refused: ${(await refusal.allInnerTexts()).join(" | ")}`);
}
